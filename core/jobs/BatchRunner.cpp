#include "jobs/BatchRunner.h"

#include "net/BatchApi.h"
#include "net/Providers.h"
#include "store/BatchLedger.h"
#include "store/Store.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>

namespace ds {

using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kQuiet = std::chrono::milliseconds(500); ///< a group is submitted once nothing joined it for this long
constexpr size_t kMaxLines = 50000;                     ///< OpenAI's per-batch limit (Anthropic allows 100k)
constexpr size_t kMaxBytes = 150u << 20;                ///< below OpenAI's 200 MB file and Anthropic's 256 MB

ResponseRecord baseRecord(const LlmRequest &req)
{
    ResponseRecord r;
    r.requestKey = req.key;
    r.model = req.model.name;
    r.promptId = req.promptId;
    r.kind = req.kind;
    r.runId = req.runId;
    r.status = AnswerStatus::Error;
    return r;
}

std::string randomHex()
{
    std::random_device rd;
    const uint64_t v = (uint64_t(rd()) << 32) ^ rd();
    char b[17];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
    return b;
}

std::string who(const LlmRequest &req)
{
    return " (model " + req.model.name + ", prompt " + std::to_string(req.promptId) + ")";
}

} // namespace

BatchRunner::BatchRunner(Store &store, std::shared_ptr<CancelToken> token, int64_t runId)
    : m_store(store), m_token(std::move(token)), m_runId(runId), m_maxPoll(30000)
{
    // Real batches take minutes to hours: polling more often than every 30 s gains nothing.
    if (const char *v = std::getenv("DISTILLSCOPE_BATCH_POLL_S"); v && std::atof(v) > 0)
        m_maxPoll = std::chrono::milliseconds(int64_t(std::atof(v) * 1000));
    m_thread = std::thread([this] { loop(); });
}

BatchRunner::~BatchRunner()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void BatchRunner::submit(LlmRequest req, LlmClient::Callback done)
{
    {
        std::lock_guard lock(m_mutex);
        m_incoming.push_back({std::move(req), std::move(done)});
    }
    m_cv.notify_all();
}

std::string BatchRunner::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

void BatchRunner::loop()
{
    for (;;) {
        std::vector<Item> fresh;
        bool quit = false;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return m_quit || !m_incoming.empty(); });
            fresh.swap(m_incoming);
            quit = m_quit;
        }
        for (auto &item : fresh)
            route(std::move(item));
        if (quit || m_token->stopping()) {
            stopAll();
            if (quit)
                return;
            continue;
        }
        const auto now = Clock::now();
        for (auto it = m_groups.begin(); it != m_groups.end();) {
            if (now - it->second.last >= kQuiet || it->second.items.size() >= kMaxLines || it->second.bytes >= kMaxBytes) {
                create(it->second);
                it = m_groups.erase(it);
            } else {
                ++it;
            }
        }
        for (auto it = m_batches.begin(); it != m_batches.end() && !m_token->stopping();) {
            if (it->second.nextPoll <= Clock::now() && poll(it->second))
                it = m_batches.erase(it);
            else
                ++it;
        }
        publish();
    }
}

void BatchRunner::route(Item item)
{
    if (m_token->stopping()) {
        fail(item, "not sent: the run is stopping");
        return;
    }
    // A batch this run already submitted for this request: poll it rather than pay twice.
    std::optional<BatchLedger::Open> open;
    try {
        open = BatchLedger(m_store).openBatchFor(m_runId, item.req.model.name, item.req.key);
    } catch (const std::exception &) {
        open.reset(); // unreadable: treated as never submitted
    }
    if (open && !open->confirmed() && !settle(*open, item))
        return;
    if (open && open->confirmed()) {
        Batch &b = m_batches[open->row];
        if (b.id.empty()) {
            b.row = open->row;
            b.id = open->batchId;
            b.model = item.req.model;
            b.nextPoll = Clock::now();
            const std::string whose = open->runId == m_runId ? std::string() : " submitted by run " + std::to_string(open->runId);
            m_store.addEvent({m_runId,
                              "info",
                              "batch",
                              "resuming batch " + open->batchId + " of " + b.model.name + whose + " (polling, not submitting again)",
                              {}});
        }
        const std::string key = item.req.key;
        b.items.emplace(key, std::move(item));
        return;
    }
    Group &g = m_groups[item.req.model.name];
    g.model = item.req.model;
    g.last = Clock::now();
    g.bytes += 512;
    for (const auto &m : item.req.messages)
        g.bytes += m.content.size();
    g.items.push_back(std::move(item));
}

bool BatchRunner::settle(BatchLedger::Open &open, Item &item)
{
    // A submission whose id was never recorded: the process stopped while the provider may have been
    // accepting it. Asked once per batch and session; the answer decides every key it carried.
    auto known = m_settled.find(open.row);
    if (known == m_settled.end()) {
        std::set<std::string> recorded; // batches the store knows are not this one
        try {
            recorded = BatchLedger(m_store).recordedBatchIds(item.req.model.provider);
        } catch (const std::exception &) {
        }
        const auto found = batch::findSubmitted(item.req.model, open.tag, open.intendedAt, open.requests, recorded,
                                                [this] { return !m_token->stopping(); });
        known = m_settled.emplace(open.row, found).first;
        std::string storeError;
        const std::string what = "the batch of " + std::to_string(open.requests) + " requests for " + item.req.model.name +
                                 " whose submission was interrupted (tag " + open.tag + ")";
        if (found.result == batch::Lookup::Result::Found) {
            if (!BatchLedger(m_store).confirm(open.row, found.batchId, &storeError))
                m_store.addEvent({m_runId, "error", "batch", "batch " + found.batchId + " could not be recorded: " + storeError, {}});
            m_store.addEvent({m_runId,
                              "info",
                              "batch",
                              "found " + what + " at the provider as " + found.batchId + ": polling it, not submitting again",
                              {}});
        } else if (found.result == batch::Lookup::Result::Absent) {
            if (!BatchLedger(m_store).abandon(open.row, &storeError))
                m_store.addEvent({m_runId, "error", "batch", "could not mark an unsent batch: " + storeError, {}});
            m_store.addEvent({m_runId, "info", "batch", what + " never reached the provider: submitting its requests", {}});
        } else {
            m_store.addEvent({m_runId, "error", "batch", "could not tell whether " + what + " reached the provider: " + found.why, {}});
        }
    }
    switch (known->second.result) {
    case batch::Lookup::Result::Found:
        open.batchId = known->second.batchId;
        return true;
    case batch::Lookup::Result::Absent:
        return true;
    case batch::Lookup::Result::Unknown:
        break;
    }
    fail(item, "held back: an interrupted batch submission may already carry this request, and the provider's batch list "
               "cannot tell (" +
                   known->second.why +
                   "); it is not sent again, to avoid paying twice: check the provider's "
                   "console, then `run resume RUN --retry-failed --resubmit-unconfirmed`");
    return false;
}

void BatchRunner::fail(Item &item, const std::string &why)
{
    ResponseRecord r = baseRecord(item.req);
    r.error = why;
    const bool notSent = why.rfind("not sent", 0) == 0;
    if (!notSent)
        r.error += who(item.req);
    if (item.done)
        item.done(r, notSent ? Outcome::Cancelled : Outcome::Error);
    item.done = nullptr;
}

void BatchRunner::create(Group &g)
{
    std::vector<Item> items;
    for (auto &item : g.items) {
        if (m_token->stopping() || !m_token->admit(item.req))
            fail(item, "not sent: the run is stopping");
        else
            items.push_back(std::move(item));
    }
    if (items.empty())
        return;
    const ModelConfig &m = g.model;
    if (!m.apiKeyEnv.empty() && resolveApiKey(m).empty()) {
        for (auto &item : items)
            fail(item, "no API key: environment variable " + m.apiKeyEnv + " is not set");
        return;
    }
    std::vector<const LlmRequest *> reqs;
    std::vector<std::string> keys;
    for (const auto &item : items) {
        reqs.push_back(&item.req);
        keys.push_back(item.req.key);
    }
    // The intent is committed before anything is sent: a kill from here on leaves a row that the
    // next resume settles with the provider (batch::findSubmitted) instead of paying again.
    std::string storeError;
    const std::string tag = "ds-" + std::to_string(m_runId) + "-" + randomHex();
    const int64_t row = BatchLedger(m_store).intend(m_runId, m.name, m.provider, tag, keys, &storeError);
    if (row == 0) {
        for (auto &item : items)
            fail(item, "not sent: the batch could not be recorded before submission: " + storeError);
        m_store.addEvent({m_runId, "error", "batch", m.name + ": batch not submitted, the store refused its record: " + storeError, {}});
        return;
    }
    std::string error;
    const std::string id = batch::create(
        m, reqs, tag, [this] { return !m_token->stopping(); }, error);
    if (id.empty()) {
        // Left 'submitting': an aborted or timed-out create may still have reached the provider.
        const std::string why = m_token->stopping() ? std::string("not sent: the run is stopping")
                                                    : "batch of " + std::to_string(items.size()) + " requests: " + error;
        for (auto &item : items)
            fail(item, why);
        if (!m_token->stopping())
            m_store.addEvent({m_runId, "error", "batch", m.name + ": " + error, {}});
        return;
    }
    if (!BatchLedger(m_store).confirm(row, id, &storeError)) // polled anyway; a resume finds it by its tag
        m_store.addEvent({m_runId, "error", "batch", "batch " + id + " of " + m.name + " could not be recorded: " + storeError, {}});
    m_store.addEvent({m_runId,
                      "info",
                      "batch",
                      "submitted batch " + id + " of " + std::to_string(items.size()) + " requests for " + m.name +
                          " (results may take up to 24 h; `run resume` polls this batch, it is never submitted twice)",
                      {}});
    Batch &b = m_batches[row];
    b.row = row;
    b.id = id;
    b.model = m;
    b.total = int64_t(items.size());
    b.nextPoll = Clock::now() + b.interval;
    for (auto &item : items) {
        const std::string key = item.req.key;
        b.items.emplace(key, std::move(item));
    }
}

bool BatchRunner::poll(Batch &b)
{
    const batch::KeepGoing keepGoing = [this] { return !m_token->stopping(); };
    const batch::Status st = batch::retrieve(b.model, b.id, keepGoing);
    if (m_token->stopping())
        return false;
    const auto later = [&] {
        b.interval = std::min(m_maxPoll, std::chrono::milliseconds(b.interval.count() * 3 / 2 + 1));
        b.nextPoll = Clock::now() + b.interval;
        return false;
    };
    if (!st.http.ok()) {
        if (st.http.transient()) {
            b.state = "unreachable (" + st.http.describe(b.model.provider) + ")";
            return later();
        }
        const std::string why = "batch " + b.id + " cannot be read: " + st.http.describe(b.model.provider);
        m_store.addEvent({m_runId, "error", "batch", b.model.name + ": " + why, {}});
        for (auto &[key, item] : b.items)
            fail(item, why);
        b.items.clear();
    } else {
        b.state = st.state;
        b.total = st.total;
        b.done = st.done;
        b.failed = st.failed;
        if (!st.ended)
            return later();
        for (const auto &url : st.resultUrls) {
            const auto res = batch::download(b.model, url, keepGoing, [&](const std::string &line) { answerLine(b, line); });
            if (m_token->stopping())
                return false;
            if (!res.ok() && res.transient()) {
                b.state = "downloading results (" + res.describe(b.model.provider) + ")";
                return later(); // what was read is stored; the rest is read again next time
            }
        }
        // Whatever the result files did not answer failed with the batch (failed, expired, cancelled).
        const std::string why = "no result in batch " + b.id + " (" + st.state + (st.errors.empty() ? "" : ": " + st.errors) + ")";
        for (auto &[key, item] : b.items)
            fail(item, why);
        if (!b.items.empty())
            m_store.addEvent({m_runId, "error", "batch", b.model.name + ": " + std::to_string(b.items.size()) + " requests: " + why, {}});
        b.items.clear();
    }
    // Posted after the results' own writes, so "read" is committed only once they are.
    if (b.row > 0)
        BatchLedger(m_store).markRead(b.row);
    return true;
}

void BatchRunner::answerLine(Batch &b, const std::string &text)
{
    batch::Line line;
    if (!batch::parseLine(b.model.provider, text, line))
        return;
    auto node = b.items.extract(line.customId);
    if (node.empty())
        return; // stored in an earlier session, or not asked for
    Item &item = node.mapped();
    const ModelConfig &m = item.req.model;
    ResponseRecord r = baseRecord(item.req);
    r.requestJson = provider::buildBody(item.req);
    r.attempts = 1;
    r.httpStatus = line.httpStatus;
    if (line.httpStatus > 0) {
        const auto parsed = provider::parse(m.provider, line.httpStatus, line.body);
        if (parsed.ok) {
            provider::fillAnswer(r, parsed, line.body, m, m.options.batchDiscount);
            item.done(r, Outcome::Ok);
            return;
        }
        line.error = "HTTP " + std::to_string(line.httpStatus) + (parsed.errorCode.empty() ? "" : " " + parsed.errorCode) + ": " +
                     parsed.errorMessage;
    }
    r.error = "batch " + b.id + ": " + line.error + who(item.req);
    r.rawJson = text.substr(0, 4000);
    item.done(r, Outcome::Error);
}

void BatchRunner::stopAll()
{
    for (auto &[name, g] : m_groups)
        for (auto &item : g.items)
            fail(item, "not sent: the run is stopping");
    m_groups.clear();
    for (auto &[row, b] : m_batches) {
        if (b.items.empty())
            continue;
        const std::string why = "not sent: the run stopped polling batch " + b.id + " of " + b.model.name +
                                "; the batch keeps running at the provider and `run resume` picks it up";
        m_store.addEvent({m_runId, "warning", "batch", why.substr(10), {}});
        for (auto &[key, item] : b.items)
            fail(item, why);
    }
    m_batches.clear();
    publish();
}

void BatchRunner::publish()
{
    std::string s;
    for (const auto &[name, g] : m_groups)
        s += (s.empty() ? "" : "; ") + std::string("preparing a batch of ") + std::to_string(g.items.size()) + " requests for " + name;
    for (const auto &[row, b] : m_batches)
        s += (s.empty() ? "" : "; ") + std::string("batch ") + b.id + " (" + b.model.name + "): " + b.state + " " +
             std::to_string(b.done + b.failed) + "/" + std::to_string(b.total) +
             (b.failed ? ", " + std::to_string(b.failed) + " failed" : "");
    std::lock_guard lock(m_mutex);
    m_state = std::move(s);
}

} // namespace ds
