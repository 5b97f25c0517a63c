-- POST /v1/videos with a valid body and a stored API key (AIPROD_KEY), as a client in production sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AIPROD_KEY")
wrk.body = '{"prompt":"A paper boat drifting down a rainy street, neon reflections in the puddles","durationSeconds":6,"aspectRatio":"9:16"}'
