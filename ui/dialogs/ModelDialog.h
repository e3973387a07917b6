#pragma once
// Add / edit a model endpoint. The API key goes to the system keychain (never to the database or
// QSettings); without a keychain backend the dialog says so and asks for an environment variable.
#include "util/Types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace ds::ui {

class ModelDialog : public QDialog {
    Q_OBJECT
public:
    /// `keychainUsable`: QtKeychain compiled in and no backend error seen so far.
    ModelDialog(const ModelConfig &initial, bool keychainUsable, const QString &keychainProblem, QWidget *parent = nullptr);
    ModelConfig config() const;
    /// The batch switch (disabled, with the reason as tooltip, for presets without a batch API).
    QCheckBox *batchSwitch() const { return m_batch; }
    /// The key typed by the user ("" = leave the stored key unchanged).
    QString newApiKey() const;

private:
    void createEndpointFields(const ModelConfig &m, bool keychainUsable, const QString &keychainProblem);
    void createLimitFields(const ModelConfig &m);
    void createRequestOptionFields(const ModelConfig &m);
    void layOutForm();
    void validate();
    /// Fills provider, base URL and key variable from the chosen preset.
    void applyPresetChoice();
    /// Enables the batch switch for presets with a batch API (presetAllowsBatch), else turns it off and says why.
    void updateBatchSwitch();
    ModelConfig m_initial;
    QLineEdit *m_name, *m_baseUrl, *m_modelId, *m_apiKey, *m_env, *m_vendor;
    QComboBox *m_preset, *m_provider, *m_reasoning, *m_effort;
    QSpinBox *m_concurrency, *m_rpm, *m_maxTokens, *m_timeout, *m_thinking;
    QDoubleSpinBox *m_temperature, *m_priceIn, *m_priceOut, *m_batchDiscount;
    QCheckBox *m_batch;
    QPlainTextEdit *m_system, *m_headers, *m_query, *m_body;
    QLabel *m_note, *m_quirks, *m_keyNote = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace ds::ui
