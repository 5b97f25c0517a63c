// The in-process fixtures here (one embedded gateway each, on free ports, with its own data folder) spend most of their
// time waiting on ffmpeg and HTTP, so two run side by side. A fixture that times a kill against a deadline or starts its
// own emulator is [NonParallelizable] and runs alone. The whole deployments of processes are in AiProd.Distributed.Tests,
// which test.sh runs in its other lane, beside this project.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
