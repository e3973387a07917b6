"""Baseline: the same load as bench_http from a Python asyncio client (Debian's python3-aiohttp)."""
import asyncio, json, resource, sys, time
import aiohttp

async def main(base, model, n, conc):
    sem = asyncio.Semaphore(conc)
    failures = 0
    conn = aiohttp.TCPConnector(limit=conc)
    async with aiohttp.ClientSession(connector=conn) as s:
        async def one(i):
            nonlocal failures
            body = {"model": model, "max_tokens": 1024, "temperature": 0,
                    "messages": [{"role": "user", "content": f"Benchmark prompt number {i}: explain caching."}]}
            async with sem:
                async with s.post(base + "/chat/completions", json=body) as r:
                    data = await r.json(content_type=None)
                    if r.status != 200 or "choices" not in data:
                        failures += 1
        ru0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.monotonic()
        await asyncio.gather(*(one(i) for i in range(n)))
        wall = time.monotonic() - t0; ru1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    print(json.dumps({"client": "python-aiohttp", "requests": n, "concurrency": conc, "wall_s": round(wall, 3),
                      "rps": round(n / wall, 1), "cpu_ms_per_request": round(cpu * 1000 / n, 3), "failures": failures}))

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
