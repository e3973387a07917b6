#pragma once
// The size of the tests' hostile inputs (100 MB runs of one character, and so on). Under
// AddressSanitizer every byte costs 20-50 times as much, so the sanitizer suite uses a tenth: what
// those tests check (no crash, no recursion per character, time linear as a ratio of the whole to its
// first tenth) holds at either size.
#include <QByteArray>

namespace ds::test {

#if defined(__SANITIZE_ADDRESS__)
constexpr qsizetype kHostileBytes = 10 * 1024 * 1024;
#else
constexpr qsizetype kHostileBytes = 100 * 1024 * 1024;
#endif

/// "100 MB of spaces" (or "10 MB ..." under the sanitizers): a row name that says the size used.
inline const char *hostileRow(const char *what)
{
    static thread_local QByteArray name;
    name = QByteArray::number(kHostileBytes >> 20) + " MB " + what;
    return name.constData();
}

} // namespace ds::test
