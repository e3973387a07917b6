// Store's model queries (table `models`): model configurations, never their keys.
#include "store/Store.h"

#include "net/ModelOptions.h"
#include "store/RowReader.h"
#include "util/Secrets.h"

namespace ds {

namespace {

using sql::member;

const sql::RowReader<ModelConfig> kModelRow{
    {"id", member<&ModelConfig::id>},
    {"name", member<&ModelConfig::name>},
    {"provider", member<&ModelConfig::provider>},
    {"base_url", member<&ModelConfig::baseUrl>},
    {"model_id", member<&ModelConfig::modelId>},
    {"api_key_env", member<&ModelConfig::apiKeyEnv>},
    {"keychain_key", member<&ModelConfig::keychainKey>},
    {"concurrency", member<&ModelConfig::concurrency>},
    {"rpm", member<&ModelConfig::rpm>},
    {"temperature", member<&ModelConfig::temperature>},
    {"max_tokens", member<&ModelConfig::maxTokens>},
    {"system_prompt", member<&ModelConfig::systemPrompt>},
    {"price_in", member<&ModelConfig::priceInPerMTok>},
    {"price_out", member<&ModelConfig::priceOutPerMTok>},
    {"vendor", member<&ModelConfig::vendor>},
    {"timeout_s", member<&ModelConfig::timeoutS>},
    {"options", [](ModelConfig &m, const sql::Stmt &s, int col) { m.options = modelOptionsFromJson(s.text(col)); }},
};

} // namespace

bool Store::saveModel(ModelConfig &m, std::string *error)
{
    if (const std::string problem = urlCredentialProblem(m.baseUrl); !problem.empty()) {
        if (error)
            *error = "model " + m.name + ": " + problem;
        return false;
    }
    int64_t id = 0;
    const bool ok = execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("INSERT INTO models(name, provider, base_url, model_id, api_key_env, keychain_key, concurrency, "
                                "rpm, temperature, max_tokens, system_prompt, price_in, price_out, vendor, timeout_s, options) "
                                "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) ON CONFLICT(name) DO UPDATE SET "
                                "provider=excluded.provider, base_url=excluded.base_url, model_id=excluded.model_id, "
                                "api_key_env=excluded.api_key_env, keychain_key=excluded.keychain_key, "
                                "concurrency=excluded.concurrency, rpm=excluded.rpm, temperature=excluded.temperature, "
                                "max_tokens=excluded.max_tokens, system_prompt=excluded.system_prompt, "
                                "price_in=excluded.price_in, price_out=excluded.price_out, vendor=excluded.vendor, "
                                "timeout_s=excluded.timeout_s, options=excluded.options");
            s.bindAll(m.name, m.provider, m.baseUrl, m.modelId, m.apiKeyEnv);
            s.bind(6, m.keychainKey).bind(7, m.concurrency).bind(8, m.rpm).bind(9, m.temperature);
            s.bind(10, m.maxTokens).bind(11, m.systemPrompt).bind(12, m.priceInPerMTok);
            s.bind(13, m.priceOutPerMTok).bind(14, m.vendor).bind(15, m.timeoutS).bind(16, modelOptionsToJson(m.options));
            s.run();
            auto q = db.prepare("SELECT id FROM models WHERE name=?1");
            q.bind(1, m.name);
            if (q.step())
                id = q.i64(0);
        },
        error);
    if (ok)
        m.id = id;
    return ok;
}

std::optional<ModelConfig> Store::model(const std::string &name)
{
    auto s = reader().prepare("SELECT " + kModelRow.list() + " FROM models WHERE name=?1");
    s.bind(1, name);
    if (s.step())
        return kModelRow.read(s);
    return std::nullopt;
}

std::vector<ModelConfig> Store::models()
{
    std::vector<ModelConfig> out;
    auto s = reader().prepare("SELECT " + kModelRow.list() + " FROM models ORDER BY name");
    while (s.step())
        out.push_back(kModelRow.read(s));
    return out;
}

bool Store::removeModel(const std::string &name, std::string *error)
{
    bool found = false;
    const bool ok = execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("DELETE FROM models WHERE name=?1");
            s.bind(1, name).run();
            found = db.changes() > 0;
        },
        error);
    if (ok && !found && error)
        *error = "no model named '" + name + "'";
    return ok && found;
}

} // namespace ds
