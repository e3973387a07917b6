#pragma once
// Page 3: a new run. RSE: reference, tests, judge, datasets, position swap, spend ceiling and a cost
// estimate (requests, tokens, money, judge calls included) refreshed in the background as the
// selection changes. ICE: target, true identity, judge, template source, languages, iterations.
#include "pages/Page.h"
#include "rse/RseConfig.h"

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
struct CostEstimate;

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

public slots:
    void reload();
    void startRse();
    void startIce();

signals:
    void estimateReady(const QString &text);
    void runStarted(qint64 runId);

private:
    void refreshEstimate();
    void showEstimate(const CostEstimate &e);
    QWidget *buildRse();
    QWidget *buildIce();
    // RSE
    QLineEdit *m_rseName;
    QComboBox *m_reference, *m_judge;
    QListWidget *m_tests, *m_datasets;
    QCheckBox *m_swap;
    QDoubleSpinBox *m_spend;
    QLabel *m_estimate;
    QPushButton *m_startRse;
    // ICE
    QLineEdit *m_iceName, *m_fact, *m_vendor, *m_templates;
    QComboBox *m_target, *m_helper, *m_iceJudge;
    QCheckBox *m_en, *m_zh;
    QSpinBox *m_iterations;
    QPushButton *m_startIce;
    InlineMessage *m_message;
    LatestRequest *m_load, *m_estimateJob, *m_work;
};

} // namespace ds::ui
