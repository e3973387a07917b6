// The model dialog's batch switch (offscreen, a real SQLite file in a temp dir): on for the presets
// whose batch API DistillScope speaks (OpenAI, Anthropic) and for custom endpoints, exactly as
// `model add --batch on` allows; disabled with the reason for every other preset; and stored in the
// model field the command line writes (ModelOptions::batch / batchDiscount).
#include "dialogs/ModelDialog.h"
#include "net/Presets.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

class TestUiModelDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void batchSwitchFollowsPreset_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("custom") << QString() << true;
        QTest::newRow("openai") << QStringLiteral("openai") << true;
        QTest::newRow("anthropic") << QStringLiteral("anthropic") << true;
        QTest::newRow("azure") << QStringLiteral("azure") << false;
        QTest::newRow("gemini") << QStringLiteral("gemini") << false;
        QTest::newRow("deepseek") << QStringLiteral("deepseek") << false;
        QTest::newRow("openrouter") << QStringLiteral("openrouter") << false;
        QTest::newRow("vllm") << QStringLiteral("vllm") << false;
        QTest::newRow("ollama") << QStringLiteral("ollama") << false;
    }
    // Choosing a preset in the dialog switches the batch option on or off as the CLI's rule says.
    void batchSwitchFollowsPreset()
    {
        QFETCH(QString, preset);
        QFETCH(bool, allowed);
        QCOMPARE(presetAllowsBatch(preset.toStdString()), allowed); // the rule `model add --batch on` applies
        ModelConfig m;
        m.name = "m";
        m.modelId = "gpt-4o";
        ModelDialog dlg(m, false, QStringLiteral("test"));
        auto *presets = dlg.findChild<QComboBox *>(QStringLiteral("preset"));
        auto *discount = dlg.findChild<QDoubleSpinBox *>(QStringLiteral("batchDiscount"));
        QVERIFY(presets && discount);
        QCheckBox *batch = dlg.batchSwitch();
        QVERIFY(batch->isEnabled()); // a custom endpoint starts it enabled
        batch->setChecked(true);
        const int index = presets->findData(preset);
        QVERIFY(index >= 0);
        presets->setCurrentIndex(index);
        QCOMPARE(batch->isEnabled(), allowed);
        QCOMPARE(batch->isChecked(), allowed); // a preset without batch API turns it off
        QCOMPARE(discount->isEnabled(), allowed);
        QCOMPARE(dlg.config().options.batch, allowed);
        if (!allowed) {
            const QString label = QString::fromStdString(findPreset(preset.toStdString())->label);
            QVERIFY2(batch->toolTip().contains(QStringLiteral("The %1 preset has no batch API").arg(label)), qPrintable(batch->toolTip()));
        } else {
            QVERIFY2(!batch->toolTip().contains(QStringLiteral("no batch API")), qPrintable(batch->toolTip()));
        }
    }

    // What the dialog saves is the field the CLI writes: a model saved with batch on (as `model add
    // --batch on --batch-discount 0.4` saves it) opens ticked, and unticking it stores batch off.
    void batchIsStoredInTheModel_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("initial");
        QTest::addColumn<bool>("ticked");
        QTest::addColumn<double>("discount");
        QTest::newRow("openai on") << QStringLiteral("openai") << false << true << 0.5;
        QTest::newRow("anthropic on, own discount") << QStringLiteral("anthropic") << false << true << 0.4;
        QTest::newRow("custom on -> off") << QString() << true << false << 0.5;
        QTest::newRow("openai on -> off") << QStringLiteral("openai") << true << false << 0.5;
    }
    void batchIsStoredInTheModel()
    {
        QFETCH(QString, preset);
        QFETCH(bool, initial);
        QFETCH(bool, ticked);
        QFETCH(double, discount);
        std::string error;
        auto store = Store::open(
            m_dir.filePath(QStringLiteral("models-%1.sqlite").arg(QLatin1String(QTest::currentDataTag()))).toStdString(), &error);
        QVERIFY2(store, error.c_str());
        ModelConfig m;
        m.name = "batchy";
        m.modelId = "gpt-4o";
        if (const ProviderPreset *p = findPreset(preset.toStdString()))
            applyPreset(*p, m);
        else
            m.baseUrl = "http://127.0.0.1:8000/v1";
        m.options.batch = initial;
        QVERIFY2(store->saveModel(m, &error), error.c_str());
        const ModelConfig stored = *store->model("batchy");
        ModelDialog dlg(stored, false, QStringLiteral("test"));
        QCOMPARE(dlg.batchSwitch()->isChecked(), initial);
        QVERIFY(dlg.batchSwitch()->isEnabled());
        dlg.batchSwitch()->setChecked(ticked);
        dlg.findChild<QDoubleSpinBox *>(QStringLiteral("batchDiscount"))->setValue(discount);
        ModelConfig edited = dlg.config();
        QVERIFY2(store->saveModel(edited, &error), error.c_str());
        const ModelConfig reread = *store->model("batchy");
        QCOMPARE(reread.options.batch, ticked);
        QCOMPARE(reread.options.batchDiscount, discount);
        QCOMPARE(QString::fromStdString(reread.options.preset), preset);
        ModelDialog again(reread, false, QStringLiteral("test"));
        QCOMPARE(again.batchSwitch()->isChecked(), ticked);
    }
};

QTEST_MAIN(TestUiModelDialog)
#include "tst_ui_model_dialog.moc"
