#include "dialogs/ModelDialog.h"

#include "net/Presets.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
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

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

ModelDialog::ModelDialog(const ModelConfig &m, bool keychainUsable, const QString &keychainProblem, QWidget *parent)
    : QDialog(parent), m_initial(m)
{
    setWindowTitle(m.id ? tr("Edit model %1").arg(QString::fromStdString(m.name)) : tr("Add model"));
    createEndpointFields(m, keychainUsable, keychainProblem);
    createLimitFields(m);
    createRequestOptionFields(m);
    layOutForm();
    for (auto *e : {m_name, m_baseUrl, m_modelId})
        connect(e, &QLineEdit::textChanged, this, &ModelDialog::validate);
    for (auto *e : {m_headers, m_query, m_body})
        connect(e, &QPlainTextEdit::textChanged, this, &ModelDialog::validate);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ModelDialog::applyPresetChoice);
    connect(m_batch, &QCheckBox::toggled, m_batchDiscount, &QWidget::setEnabled);
    updateBatchSwitch();
    if (const ProviderPreset *p = findPreset(m.options.preset))
        m_quirks->setText(qs(p->quirks));
    m_quirks->setVisible(!m_quirks->text().isEmpty());
    validate();
}

/// Where the model lives and how it is reached: name, preset, API, URL, id and the key's source.
void ModelDialog::createEndpointFields(const ModelConfig &m, bool keychainUsable, const QString &keychainProblem)
{
    m_name = new QLineEdit(qs(m.name), this);
    m_name->setReadOnly(m.id != 0);
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->addItem(tr("Custom"), QString());
    for (const auto &p : providerPresets())
        m_preset->addItem(qs(p.label), qs(p.name));
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(qs(m.options.preset))));
    m_quirks = new QLabel(this);
    m_quirks->setTextFormat(Qt::PlainText);
    m_quirks->setWordWrap(true);
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
    m_keyNote = new QLabel(this);
    m_keyNote->setTextFormat(Qt::PlainText);
    m_keyNote->setWordWrap(true);
    m_keyNote->setVisible(!keychainUsable);
    if (!keychainUsable)
        m_keyNote->setText(tr("The system keychain cannot store keys here (%1). Keys are never stored in plain text: put the key in an "
                              "environment variable and enter its name below.")
                               .arg(keychainProblem.isEmpty() ? tr("QtKeychain missing") : keychainProblem));
}

/// How hard it may be driven and what it costs.
void ModelDialog::createLimitFields(const ModelConfig &m)
{
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
}

/// What every request carries: system prompt, extra headers/query/body, reasoning, batch.
void ModelDialog::createRequestOptionFields(const ModelConfig &m)
{
    auto lines = [&](const std::vector<std::pair<std::string, std::string>> &v, const char *sep) {
        QStringList out;
        for (const auto &[k, val] : v)
            out << qs(k) + QLatin1String(sep) + qs(val);
        return out.join(QLatin1Char('\n'));
    };
    m_headers = new QPlainTextEdit(lines(m.options.headers, ": "), this);
    m_headers->setPlaceholderText(tr("one per line, e.g. OpenAI-Project: proj_123 or X-Title: DistillScope"));
    m_query = new QPlainTextEdit(lines(m.options.query, "="), this);
    m_query->setPlaceholderText(tr("one per line, e.g. api-version=2024-10-21"));
    m_body = new QPlainTextEdit(qs(m.options.bodyJson), this);
    m_body->setPlaceholderText(tr(R"(JSON merged into each request, e.g. {"seed": 1, "top_p": 0.9})"));
    for (auto *e : {m_headers, m_query, m_body})
        e->setMaximumHeight(54);
    m_reasoning = new QComboBox(this);
    m_reasoning->addItem(tr("by model id (o1/o3/o4/gpt-5)"), QString());
    m_reasoning->addItem(tr("reasoning model"), QStringLiteral("on"));
    m_reasoning->addItem(tr("not a reasoning model"), QStringLiteral("off"));
    m_reasoning->setCurrentIndex(std::max(0, m_reasoning->findData(qs(m.options.reasoning))));
    m_effort = new QComboBox(this);
    for (const char *e : {"", "minimal", "low", "medium", "high"})
        m_effort->addItem(*e ? QString::fromLatin1(e) : tr("server default"), QString::fromLatin1(e));
    m_effort->setCurrentIndex(std::max(0, m_effort->findData(qs(m.options.reasoningEffort))));
    m_thinking = new QSpinBox(this);
    m_thinking->setRange(0, 128000);
    m_thinking->setSingleStep(1024);
    m_thinking->setSpecialValueText(tr("off"));
    m_thinking->setSuffix(tr(" tokens"));
    m_thinking->setValue(m.options.thinkingBudget);

    m_batch = new QCheckBox(tr("Send runs through the provider's batch API (results within 24 h, at the batch price)"), this);
    m_batch->setObjectName(QStringLiteral("batchApi"));
    m_batch->setChecked(m.options.batch);
    m_batchDiscount = new QDoubleSpinBox(this);
    m_batchDiscount->setObjectName(QStringLiteral("batchDiscount"));
    m_batchDiscount->setRange(0.01, 1);
    m_batchDiscount->setSingleStep(0.05);
    m_batchDiscount->setDecimals(2);
    m_batchDiscount->setPrefix(tr("× "));
    m_batchDiscount->setSuffix(tr(" of the live price"));
    m_batchDiscount->setValue(m.options.batchDiscount);
}

void ModelDialog::layOutForm()
{
    auto *form = new QFormLayout(this);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Preset"), m_preset);
    form->addRow(m_quirks);
    form->addRow(tr("API"), m_provider);
    form->addRow(tr("Base URL"), m_baseUrl);
    form->addRow(tr("Model id"), m_modelId);
    form->addRow(tr("API key"), m_apiKey);
    form->addRow(m_keyNote);
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
    form->addRow(tr("Reasoning"), m_reasoning);
    form->addRow(tr("Reasoning effort"), m_effort);
    form->addRow(tr("Anthropic thinking"), m_thinking);
    form->addRow(tr("Batch API"), m_batch);
    form->addRow(tr("Batch price"), m_batchDiscount);
    form->addRow(tr("Extra headers"), m_headers);
    form->addRow(tr("Query parameters"), m_query);
    form->addRow(tr("Extra body JSON"), m_body);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(m_note);
    form->addRow(buttons);
}

void ModelDialog::updateBatchSwitch()
{
    const std::string preset = m_preset->currentData().toString().toStdString();
    const bool allowed = presetAllowsBatch(preset);
    if (!allowed)
        m_batch->setChecked(false);
    m_batch->setEnabled(allowed);
    const ProviderPreset *p = findPreset(preset);
    m_batch->setToolTip(allowed ? tr("Requests go to OpenAI's Batch API or Anthropic's Message Batches (by the API above); a resume "
                                     "polls the same batch instead of submitting again")
                                : tr("The %1 preset has no batch API DistillScope speaks (OpenAI's Batch API or Anthropic's Message "
                                     "Batches)")
                                      .arg(p ? QString::fromStdString(p->label) : m_preset->currentText()));
    m_batchDiscount->setEnabled(allowed && m_batch->isChecked());
}

void ModelDialog::applyPresetChoice()
{
    updateBatchSwitch();
    const ProviderPreset *p = findPreset(m_preset->currentData().toString().toStdString());
    m_quirks->setText(p ? QString::fromStdString(p->quirks) : QString());
    m_quirks->setVisible(p != nullptr);
    if (!p)
        return;
    m_provider->setCurrentIndex(p->provider == "anthropic" ? 1 : 0);
    m_baseUrl->setText(QString::fromStdString(p->baseUrl));
    m_env->setText(QString::fromStdString(p->keyEnv));
    QStringList query = m_query->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const auto &[k, v] : p->query)
        if (!m_query->toPlainText().contains(QString::fromStdString(k) + QLatin1Char('=')))
            query << QString::fromStdString(k + "=" + v);
    m_query->setPlainText(query.join(QLatin1Char('\n')));
}

namespace {

/// "Name: value" (or "name=value") lines; false on a line without the separator.
bool parsePairs(const QString &text, QLatin1Char sep, std::vector<std::pair<std::string, std::string>> &out)
{
    out.clear();
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const int at = line.indexOf(sep);
        if (at <= 0)
            return false;
        out.emplace_back(line.left(at).trimmed().toStdString(), line.mid(at + 1).trimmed().toStdString());
    }
    return true;
}

} // namespace

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
    else if (url.host().contains(QLatin1Char('{')))
        problem = tr("Replace the {placeholders} of the base URL (Azure: resource and deployment names).");
    std::vector<std::pair<std::string, std::string>> scratch;
    bool headersOk = parsePairs(m_headers->toPlainText(), QLatin1Char(':'), scratch);
    for (const auto &[name, value] : scratch) {
        const QString lower = QString::fromStdString(name).toLower();
        if (lower == QLatin1String("authorization") || lower == QLatin1String("x-api-key") || lower == QLatin1String("api-key"))
            headersOk = false; // keys never go into the database: use the key field
    }
    const bool queryOk = parsePairs(m_query->toPlainText(), QLatin1Char('='), scratch);
    const QString body = m_body->toPlainText().trimmed();
    const bool bodyOk = body.isEmpty() || nlohmann::json::parse(body.toStdString(), nullptr, false).is_object();
    if (problem.isEmpty() && !headersOk)
        problem = tr("Extra headers: one 'Name: value' per line, no credentials (the key has its own field).");
    else if (problem.isEmpty() && !queryOk)
        problem = tr("Query parameters: one name=value per line.");
    else if (problem.isEmpty() && !bodyOk)
        problem = tr("Extra body: a JSON object, e.g. {\"seed\": 1}.");
    else if (url.scheme() == QLatin1String("http"))
        problem = tr("Note: plain HTTP — fine for loopback / LAN servers (Ollama, vLLM), never for cloud APIs.");
    m_note->setText(problem);
    m_note->setVisible(!problem.isEmpty());
    if (m_ok)
        m_ok->setEnabled(!m_name->text().trimmed().isEmpty() && urlOk && !m_modelId->text().trimmed().isEmpty() && headersOk && queryOk &&
                         bodyOk && !url.host().contains(QLatin1Char('{')));
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
    m.options.preset = m_preset->currentData().toString().toStdString();
    parsePairs(m_headers->toPlainText(), QLatin1Char(':'), m.options.headers);
    parsePairs(m_query->toPlainText(), QLatin1Char('='), m.options.query);
    const QString body = m_body->toPlainText().trimmed();
    m.options.bodyJson = body.isEmpty() ? std::string() : nlohmann::json::parse(body.toStdString(), nullptr, false).dump();
    m.options.reasoning = m_reasoning->currentData().toString().toStdString();
    m.options.reasoningEffort = m_effort->currentData().toString().toStdString();
    m.options.thinkingBudget = m_thinking->value();
    m.options.batch = m_batch->isEnabled() && m_batch->isChecked(); // the field `model add --batch` writes
    m.options.batchDiscount = m_batchDiscount->value();
    return m;
}

QString ModelDialog::newApiKey() const
{
    return m_apiKey->isEnabled() ? m_apiKey->text() : QString();
}

} // namespace ds::ui
