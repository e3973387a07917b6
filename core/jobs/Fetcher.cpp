#include "jobs/Fetcher.h"

#include "store/Store.h"

namespace ds {

void Fetcher::fetch(LlmRequest req, Callback done)
{
    if (auto cached = m_store.responseByKey(req.key); cached && cached->status == "ok") {
        done(*cached, Outcome::Ok, true);
        return;
    }
    m_client.submit(std::move(req), [this, done = std::move(done)](const ResponseRecord &r, Outcome o) {
        if (o != Outcome::Cancelled)
            m_store.putResponse(r);
        done(r, o, false);
    });
}

} // namespace ds
