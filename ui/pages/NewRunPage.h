#pragma once
// Page 3: a new run. RSE: reference, tests, judge, datasets, position swap, spend ceiling and a cost
// estimate (requests, tokens, money, judge calls included) refreshed in the background as the
// selection changes. ICE: target, true identity, judge, template source, languages, iterations, spend
// ceiling and a cost estimate. Both ceilings are the run's total over all its sessions (the Pipeline's).
#include "pages/Page.h"
#include "rse/RseConfig.h"

#include <functional>
#include <string>
#include <utility>

namespace ds::rse {
struct RsePlan;
}

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace ds::ui {
class InlineMessage;
class LatestRequest;

class NewRunPage : public Page {
    Q_OBJECT
public:
    explicit NewRunPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("new-run"); }
    QString title() const override { return tr("New run"); }
    void activate() override { reload(); }
    bool isLoading() const override;

    rse::RseConfig rseConfig() const;
    /// Test hooks: choose models/datasets by name.
    void selectRse(const QString &reference, const QStringList &tests, const QString &judge, const QStringList &datasets);
    QString estimateText() const;
    QString messageText() const;
    /// Test hook: the ICE vendor by registry key ("" = none); false when the registry lacks it.
    bool selectIceVendor(const QString &key);
    /// Test hook: the ICE form's target, judge and iterations.
    void selectIce(const QString &target, const QString &judge, int iterations);
    /// The identity sentence, or the hint shown in its empty field.
    QString iceFactHint() const;
    /// Models offered as reference / test that have stored answers but no endpoint.
    QStringList replayOnlyModels() const { return m_replayOnly; }
    /// Warnings when one model plays several roles (judge = reference / test): rse::roleWarnings.
    static QStringList roleWarnings(const rse::RseConfig &cfg);

public slots:
    void reload();
    void startRse();
    void startIce();

signals:
    void estimateReady(const QString &text);
    void iceEstimateReady(const QString &text);
    void runStarted(qint64 runId);

private:
    void refreshEstimate();
    void refreshIceEstimate();
    void showEstimate(const rse::RsePlan &plan);
    QWidget *buildRse();
    QWidget *buildIce();
    /// Creates a run off the GUI thread (`create` gives its id, or 0 and the reason), then starts it.
    /// `button` is disabled meanwhile; `name` is cleared once the run has started; `started` takes
    /// the run id as %1.
    void createAndStart(QPushButton *button, QLineEdit *name, const QString &preparing, const QString &started,
                        std::function<std::pair<int64_t, std::string>()> create);
    // RSE
    QLineEdit *m_rseName;
    QComboBox *m_reference, *m_judge;
    QListWidget *m_tests, *m_datasets;
    QCheckBox *m_swap;
    QDoubleSpinBox *m_spend;
    QLabel *m_estimate;
    QPushButton *m_startRse;
    // ICE
    QLineEdit *m_iceName, *m_fact, *m_templates;
    QComboBox *m_target, *m_vendor, *m_helper, *m_iceJudge;
    QCheckBox *m_en, *m_zh;
    QSpinBox *m_iterations;
    QDoubleSpinBox *m_iceSpend;
    QPushButton *m_startIce;
    InlineMessage *m_message;
    QStringList m_replayOnly;
    LatestRequest *m_load, *m_estimateJob, *m_iceEstimateJob, *m_work;
    QLabel *m_iceEstimate;
};

} // namespace ds::ui
