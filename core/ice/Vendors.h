#pragma once
/// @file Vendors.h
/// The vendor registry: who makes which model family, under which names (English and Chinese),
/// where the vendor is based, and one true identity sentence per vendor. Loaded from
/// resources/ice/vendors.json (editable). Immutable after loading, so safe to share across threads.
#include <QString>
#include <optional>
#include <string>
#include <vector>

namespace ds::ice {

struct Vendor {
    std::string key;                    ///< registry key, e.g. "openai"
    std::string company;                ///< display name, e.g. "OpenAI"
    std::string companyZh;              ///< Chinese display name
    std::vector<std::string> aliases;   ///< matched case-insensitively
    std::vector<std::string> aliasesCs; ///< matched case-sensitively (short or ambiguous names)
    std::string region;                 ///< key into the registry's regions, e.g. "us", "cn"
    std::string hq;                     ///< headquarters city
    std::string fact;                   ///< one-sentence identity fact ("I am ..., developed by ...")
};

/// One occurrence of a vendor name in a text (UTF-16 offsets into the QString searched).
struct VendorHit {
    std::string vendor; ///< registry key
    int pos = 0;
    int len = 0;
};

class VendorRegistry {
public:
    /// The registry from resources/ice/vendors.json, loaded once. Empty registry (and a warning on
    /// stderr) if the file cannot be read.
    static const VendorRegistry &builtin();
    /// Parses a registry JSON document. nullopt + *error on malformed input.
    static std::optional<VendorRegistry> fromJson(const std::string &json, std::string *error);

    const std::vector<Vendor> &vendors() const { return m_vendors; }
    /// By key, or by any alias/company name (case-insensitive). nullptr when unknown.
    const Vendor *find(const std::string &keyOrAlias) const;
    /// All non-overlapping vendor-name occurrences in `text`, in text order (longest alias wins).
    std::vector<VendorHit> hits(const QString &text) const;
    /// The vendor named first in `text` ("" when none): resolves a custom fact to a vendor.
    std::string resolve(const std::string &text) const;
    /// Region keys of place names in `text` (e.g. "San Francisco" -> "us"), in text order.
    std::vector<std::string> regionsIn(const QString &text) const;
    /// True when `text` names any vendor or model family.
    bool namesVendor(const std::string &text) const { return !resolve(text).empty(); }

private:
    struct Pattern {
        QString alias;
        std::string vendor;
        bool caseSensitive;
    };
    std::vector<Vendor> m_vendors;
    std::vector<Pattern> m_patterns;                       ///< longest first
    std::vector<std::pair<QString, std::string>> m_places; ///< place name -> region, longest first
};

/// True for characters that count as part of an ASCII word (letters, digits).
bool isAsciiWordChar(QChar c);

} // namespace ds::ice
