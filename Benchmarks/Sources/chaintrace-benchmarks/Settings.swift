/// The sizes and repetitions of one run: the full benchmark, or the smoke run CI uses to check
/// in seconds that every workload still runs and computes the right thing.
struct Settings {
    /// Points of the demo step (micrograd's demo: 100).
    var points = 100
    /// Repetitions of the library step; the fastest counts.
    var stepRepeats = 30
    /// Repetitions of the hand-written and autodiff steps.
    var untracedRepeats = 200
    var autodiffRepeats = 10
    /// Nodes recorded by the memory workload.
    var memoryNodes = 3_000_000
    /// Points of the demo step whose trace JSON is the large document (about 100 MB).
    var jsonPoints = 330
    var jsonRepeats = 3
    /// Repetitions of the CLI runs and of the small-graph renders.
    var cliRepeats = 3
    var smallRepeats = 10
    /// The layers of 20 units of the layout workload (about 3,000 nodes) and of the report
    /// workload (about 2,000 nodes); see ``layeredProgram(layers:width:)``.
    var layoutLayers = 37
    var reportLayers = 25
    /// Runs of the layout (in-process and `dot`, in turn) and of the report; the fastest counts.
    var layoutRepeats = 3
    /// The tensor MLP's layer widths and batch (784-128-10 on 64 examples), and its repetitions.
    var tensorWidths = (inputs: 784, hidden: 128, classes: 10)
    var tensorBatch = 64
    var tensorRepeats = 10
    /// Where data files and outputs go.
    var directory = ".build/bench"
    /// The chaintrace CLI to time (built by run.sh).
    var chaintrace = ".build/release/chaintrace"

    /// Everything tiny: seconds in all.
    static func smoke() -> Settings {
        var settings = Settings()
        settings.points = 10
        settings.stepRepeats = 1
        settings.untracedRepeats = 1
        settings.autodiffRepeats = 1
        settings.memoryNodes = 50_000
        settings.jsonPoints = 10
        settings.jsonRepeats = 1
        settings.cliRepeats = 1
        settings.smallRepeats = 1
        settings.layoutLayers = 2
        settings.reportLayers = 2
        settings.layoutRepeats = 1
        settings.tensorWidths = (20, 8, 3)
        settings.tensorBatch = 4
        settings.tensorRepeats = 1
        return settings
    }
}
