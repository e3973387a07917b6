#include "dialogs/ModelDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>

namespace ds::ui {

ModelDialog::ModelDialog(const ModelConfig &m, bool keychainUsable, const QString &keychainProblem, QWidget *parent)
    : QDialog(parent), m_initial(m)
{
    setWindowTitle(m.id ? tr("Edit model %1").arg(QString::fromStdString(m.name)) : tr("Add model"));
    auto qs = [](const std::string &s) { return QString::fromStdString(s); };
    m_name = new QLineEdit(qs(m.name), this);
    m_name->setReadOnly(m.id != 0);
    m_provider = new QComboBox(this);
    m_provider->addItem(tr("OpenAI-compatible (OpenAI, vLLM, Ollama, DeepSeek…)"), QStringLiteral("openai"));
    m_provider->addItem(tr("Anthropic Messages API"), QStringLiteral("anthropic"));
    m_provider->setCurrentIndex(m.provider == "anthropic" ? 1 : 0);
    m_baseUrl = new QLineEdit(m.baseUrl.empty() ? QStringLiteral("https://api.openai.com/v1") : qs(m.baseUrl), this);
    m_modelId = new QLineEdit(qs(m.modelId), this);
    m_apiKey = new QLineEdit(this);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(m.keychainKey.empty() ? tr("stored in the system keychain") : tr("(unchanged — stored in the keychain)"));
    m_apiKey->setEnabled(keychainUsable);
    m_env = new QLineEdit(qs(m.apiKeyEnv), this);
    m_env->setPlaceholderText(QStringLiteral("OPENAI_API_KEY"));
    m_note = new QLabel(this);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    auto *keyNote = new QLabel(this);
    keyNote->setTextFormat(Qt::PlainText);
    keyNote->setWordWrap(true);
    keyNote->setVisible(!keychainUsable);
    if (!keychainUsable)
        keyNote->setText(tr("No keychain backend is available (%1). Keys are never stored in plain text: put the key in an "
                            "environment variable and enter its name below.")
                             .arg(keychainProblem.isEmpty() ? tr("QtKeychain missing") : keychainProblem));
    m_concurrency = new QSpinBox(this);
    m_concurrency->setRange(1, 1000);
    m_concurrency->setValue(m.concurrency);
    m_rpm = new QSpinBox(this);
    m_rpm->setRange(0, 100000);
    m_rpm->setSpecialValueText(tr("unlimited"));
    m_rpm->setValue(m.rpm);
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(0, 2);
    m_temperature->setSingleStep(0.1);
    m_temperature->setValue(m.temperature);
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setRange(1, 200000);
    m_maxTokens->setValue(m.maxTokens);
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(5, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(m.timeoutS);
    m_priceIn = new QDoubleSpinBox(this);
    m_priceOut = new QDoubleSpinBox(this);
    for (auto *p : {m_priceIn, m_priceOut}) {
        p->setRange(0, 1000);
        p->setDecimals(3);
        p->setPrefix(QStringLiteral("$"));
        p->setSuffix(tr(" / M tokens"));
    }
    m_priceIn->setValue(m.priceInPerMTok);
    m_priceOut->setValue(m.priceOutPerMTok);
    m_vendor = new QLineEdit(qs(m.vendor), this);
    m_vendor->setPlaceholderText(tr("e.g. deepseek (ICE: the true maker)"));
    m_system = new QPlainTextEdit(qs(m.systemPrompt), this);
    m_system->setMaximumHeight(70);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("API"), m_provider);
    form->addRow(tr("Base URL"), m_baseUrl);
    form->addRow(tr("Model id"), m_modelId);
    form->addRow(tr("API key"), m_apiKey);
    form->addRow(keyNote);
    form->addRow(tr("…or key from env var"), m_env);
    form->addRow(tr("Concurrency"), m_concurrency);
    form->addRow(tr("Requests / minute"), m_rpm);
    form->addRow(tr("Temperature"), m_temperature);
    form->addRow(tr("Max tokens"), m_maxTokens);
    form->addRow(tr("Request deadline"), m_timeout);
    form->addRow(tr("Price input"), m_priceIn);
    form->addRow(tr("Price output"), m_priceOut);
    form->addRow(tr("Vendor"), m_vendor);
    form->addRow(tr("System prompt"), m_system);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(m_note);
    form->addRow(buttons);
    for (auto *e : {m_name, m_baseUrl, m_modelId})
        connect(e, &QLineEdit::textChanged, this, &ModelDialog::validate);
    validate();
}

void ModelDialog::validate()
{
    const QUrl url(m_baseUrl->text().trimmed());
    const bool urlOk =
        url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) && !url.host().isEmpty();
    QString problem;
    if (m_name->text().trimmed().isEmpty())
        problem = tr("A name is required.");
    else if (!urlOk)
        problem = tr("The base URL must be http(s)://host/…");
    else if (m_modelId->text().trimmed().isEmpty())
        problem = tr("A model id is required.");
    else if (url.scheme() == QLatin1String("http"))
        problem = tr("Note: plain HTTP — fine for loopback / LAN servers (Ollama, vLLM), never for cloud APIs.");
    m_note->setText(problem);
    m_note->setVisible(!problem.isEmpty());
    if (m_ok)
        m_ok->setEnabled(!m_name->text().trimmed().isEmpty() && urlOk && !m_modelId->text().trimmed().isEmpty());
}

ModelConfig ModelDialog::config() const
{
    ModelConfig m = m_initial;
    m.name = m_name->text().trimmed().toStdString();
    m.provider = m_provider->currentData().toString().toStdString();
    m.baseUrl = m_baseUrl->text().trimmed().toStdString();
    m.modelId = m_modelId->text().trimmed().toStdString();
    m.apiKeyEnv = m_env->text().trimmed().toStdString();
    m.concurrency = m_concurrency->value();
    m.rpm = m_rpm->value();
    m.temperature = m_temperature->value();
    m.maxTokens = m_maxTokens->value();
    m.timeoutS = m_timeout->value();
    m.priceInPerMTok = m_priceIn->value();
    m.priceOutPerMTok = m_priceOut->value();
    m.vendor = m_vendor->text().trimmed().toStdString();
    m.systemPrompt = m_system->toPlainText().toStdString();
    return m;
}

QString ModelDialog::newApiKey() const
{
    return m_apiKey->isEnabled() ? m_apiKey->text() : QString();
}

} // namespace ds::ui
