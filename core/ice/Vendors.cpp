#include "ice/Vendors.h"

#include "ice/Resources.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace ds::ice {

bool isAsciiWordChar(QChar c)
{
    const ushort u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
}

static bool isAsciiWord(const QString &s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.unicode() < 128; });
}

// An ASCII alias must not continue a longer ASCII word ("PersonGPT" does not name GPT); CJK
// aliases match anywhere because CJK text has no spaces.
static bool boundaryOk(const QString &text, int pos, int len, const QString &alias)
{
    if (!isAsciiWord(alias))
        return true;
    if (pos > 0 && isAsciiWordChar(text[pos - 1]) && isAsciiWordChar(alias.front()))
        return false;
    const int end = pos + len;
    if (end < text.size() && isAsciiWordChar(text[end]) && isAsciiWordChar(alias.back()))
        return false;
    return true;
}

std::optional<VendorRegistry> VendorRegistry::fromJson(const std::string &json, std::string *error)
{
    try {
        const auto doc = nlohmann::json::parse(json);
        VendorRegistry r;
        for (const auto &v : doc.at("vendors")) {
            Vendor x;
            x.key = v.at("key").get<std::string>();
            x.company = v.value("company", x.key);
            x.companyZh = v.value("company_zh", x.company);
            x.aliases = v.value("aliases", std::vector<std::string>{});
            x.aliasesCs = v.value("aliases_cs", std::vector<std::string>{});
            x.region = v.value("region", "");
            x.hq = v.value("hq", "");
            x.fact = v.value("fact", "");
            for (const auto &a : x.aliases)
                r.m_patterns.push_back({QString::fromStdString(a), x.key, false});
            for (const auto &a : x.aliasesCs)
                r.m_patterns.push_back({QString::fromStdString(a), x.key, true});
            r.m_patterns.push_back({QString::fromStdString(x.company), x.key, false});
            r.m_vendors.push_back(std::move(x));
        }
        if (doc.contains("regions")) {
            for (const auto &[region, names] : doc["regions"].items())
                for (const auto &n : names)
                    r.m_places.emplace_back(QString::fromStdString(n.get<std::string>()), region);
        }
        auto longer = [](const auto &a, const auto &b) { return a.size() > b.size(); };
        std::stable_sort(r.m_patterns.begin(), r.m_patterns.end(),
                         [&](const Pattern &a, const Pattern &b) { return longer(a.alias, b.alias); });
        std::stable_sort(r.m_places.begin(), r.m_places.end(), [&](const auto &a, const auto &b) { return longer(a.first, b.first); });
        return r;
    } catch (const std::exception &e) {
        if (error)
            *error = std::string("invalid vendor registry: ") + e.what();
        return std::nullopt;
    }
}

const VendorRegistry &VendorRegistry::builtin()
{
    static const VendorRegistry reg = [] {
        std::string json, error;
        if (readResource("vendors.json", &json, &error)) {
            if (auto r = fromJson(json, &error))
                return *r;
        }
        std::fprintf(stderr, "warning: %s\n", error.c_str());
        return VendorRegistry{};
    }();
    return reg;
}

const Vendor *VendorRegistry::find(const std::string &keyOrAlias) const
{
    const QString q = QString::fromStdString(keyOrAlias).trimmed();
    for (const auto &v : m_vendors)
        if (QString::fromStdString(v.key).compare(q, Qt::CaseInsensitive) == 0)
            return &v;
    for (const auto &p : m_patterns)
        if (p.alias.compare(q, p.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive) == 0)
            for (const auto &v : m_vendors)
                if (v.key == p.vendor)
                    return &v;
    return nullptr;
}

std::vector<VendorHit> VendorRegistry::hits(const QString &text) const
{
    std::vector<VendorHit> out;
    std::vector<char> taken(static_cast<size_t>(text.size()), 0);
    for (const auto &p : m_patterns) {
        const auto cs = p.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
        for (int from = 0;;) {
            const int pos = text.indexOf(p.alias, from, cs);
            if (pos < 0)
                break;
            from = pos + 1;
            const int len = static_cast<int>(p.alias.size());
            if (!boundaryOk(text, pos, len, p.alias))
                continue;
            if (std::any_of(taken.begin() + pos, taken.begin() + pos + len, [](char c) { return c != 0; }))
                continue;
            std::fill(taken.begin() + pos, taken.begin() + pos + len, 1);
            out.push_back({p.vendor, pos, len});
        }
    }
    std::sort(out.begin(), out.end(), [](const VendorHit &a, const VendorHit &b) { return a.pos < b.pos; });
    return out;
}

std::string VendorRegistry::resolve(const std::string &text) const
{
    const auto h = hits(QString::fromStdString(text));
    return h.empty() ? std::string() : h.front().vendor;
}

std::vector<std::string> VendorRegistry::regionsIn(const QString &text) const
{
    std::vector<std::pair<int, std::string>> found;
    for (const auto &[name, region] : m_places) {
        for (int from = 0;;) {
            const int pos = text.indexOf(name, from, Qt::CaseSensitive);
            if (pos < 0)
                break;
            from = pos + 1;
            if (boundaryOk(text, pos, static_cast<int>(name.size()), name))
                found.emplace_back(pos, region);
        }
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    out.reserve(found.size());
    for (auto &f : found)
        out.push_back(f.second);
    return out;
}

} // namespace ds::ice
