// Drives N chat requests at concurrency C through the real HTTP engine (LlmClient) against a URL
// and prints one JSON line: wall time, throughput, CPU time per request, failures.
#include "net/LlmClient.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <curl/curl.h>
#include <future>
#include <string>
#include <sys/resource.h>

static double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench_http BASE_URL MODEL REQUESTS CONCURRENCY\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    ds::ModelConfig m;
    m.name = argv[2];
    m.modelId = argv[2];
    m.provider = "openai";
    m.baseUrl = argv[1];
    const int n = std::atoi(argv[3]);
    m.concurrency = std::atoi(argv[4]);
    m.timeoutS = 60;
    int failures = 0;
    {
        ds::LlmClient client;
        std::atomic<int> done{0};
        std::promise<void> all;
        const double cpu0 = cpuSeconds();
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) {
            ds::LlmRequest req;
            req.model = m;
            req.messages = {{"user", "Benchmark prompt number " + std::to_string(i) + ": explain caching."}};
            req.key = std::to_string(i);
            client.submit(req, [&](const ds::ResponseRecord &, ds::Outcome o) {
                if (o != ds::Outcome::Ok)
                    ++failures;
                if (++done == n)
                    all.set_value();
            });
        }
        all.get_future().wait();
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double cpu = cpuSeconds() - cpu0;
        std::printf("{\"client\": \"distillscope\", \"requests\": %d, \"concurrency\": %d, \"wall_s\": %.3f, "
                    "\"rps\": %.1f, \"cpu_ms_per_request\": %.3f, \"failures\": %d}\n",
                    n, m.concurrency, wall, n / wall, cpu * 1000 / n, failures);
    }
    curl_global_cleanup();
    return failures ? 1 : 0;
}
