// Most fixtures here spend their time waiting on processes, ffmpeg and emulators, so two run side by side: each one
// starts its own gateway or deployment on free ports, with its own data folder and Pub/Sub name prefix. A fixture that
// kills something others share (the emulators) or that aims a kill at a stage by timing is [NonParallelizable] and runs
// alone.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
