// The in-process fixtures here (one embedded gateway each, on free ports, with its own data folder) spend most of their
// time waiting on ffmpeg and HTTP, so two run side by side. A fixture that starts a whole deployment of processes, kills
// something others share (the emulators) or times a kill against a deadline is [NonParallelizable] and runs alone.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
