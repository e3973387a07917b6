#include "store/Placeholders.h"

namespace ds::sql {

std::string Placeholders::list() const
{
    std::string out;
    for (std::size_t k = 0; k < m_count; ++k)
        out += (k ? "," : "") + (*this)[k];
    return out;
}

} // namespace ds::sql
