-- GET of the URL wrk is given (a video, or a page of the list) with a stored API key (AIPROD_KEY).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AIPROD_KEY")
