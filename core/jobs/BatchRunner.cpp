#include "jobs/BatchRunner.h"

#include "net/BatchApi.h"
#include "net/Providers.h"
#include "store/BatchLedger.h"
#include "store/Store.h"

#include <cstdlib>

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
    r.status = "error";
    return r;
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
    int64_t row = 0;
    std::string batchId;
    try {
        if (const auto open = BatchLedger(m_store).openBatchFor(m_runId, item.req.model.name, item.req.key)) {
            row = open->row;
            batchId = open->batchId;
        }
    } catch (const std::exception &) {
        row = 0; // unreadable: treated as never submitted
    }
    if (row != 0) {
        Batch &b = m_batches[row];
        if (b.id.empty()) {
            b.row = row;
            b.id = batchId;
            b.model = item.req.model;
            b.nextPoll = Clock::now();
            m_store.addEvent(
                {m_runId, "info", "batch", "resuming batch " + batchId + " of " + b.model.name + " (polling, not submitting again)", {}});
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
    for (const auto &item : items)
        reqs.push_back(&item.req);
    std::string error;
    const std::string id = batch::create(
        m, reqs, [this] { return !m_token->stopping(); }, error);
    if (id.empty()) {
        if (m_token->stopping()) {
            for (auto &item : items)
                fail(item, "not sent: the run is stopping");
            return;
        }
        for (auto &item : items)
            fail(item, "batch of " + std::to_string(items.size()) + " requests: " + error);
        m_store.addEvent({m_runId, "error", "batch", m.name + ": " + error, {}});
        return;
    }
    // Recorded before polling starts: from here on a crash resumes this batch instead of paying again.
    std::string storeError;
    std::vector<std::string> keys;
    for (const auto &item : items)
        keys.push_back(item.req.key);
    int64_t row = BatchLedger(m_store).record(m_runId, m.name, m.provider, id, keys, &storeError);
    if (row == 0) {
        row = --m_unsavedRow; // still polled in this session; only a resume would not know it
        m_store.addEvent({m_runId, "error", "batch", "batch " + id + " of " + m.name + " could not be recorded: " + storeError, {}});
    }
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
