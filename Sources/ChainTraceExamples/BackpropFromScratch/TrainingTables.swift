import ChainTrace

/// CSV text of a training's numbers: deterministic, full precision, one header line.
public enum TrainingTables {
    /// `epoch,lrate,error`, one line per epoch.
    public static func errors(_ training: Training) -> String {
        var text = "epoch,lrate,error\n"
        for (epoch, error) in training.epochErrors.enumerated() {
            text += "\(epoch),\(NumberText.exact(training.rate)),\(NumberText.exact(error))\n"
        }
        return text
    }

    /// `neuron,article_delta,error,activation_slope,gradient_at_activation`, one line per neuron.
    public static func deltas(_ deltas: [[NeuronDelta]]) -> String {
        var text = "neuron,article_delta,error,activation_slope,gradient_at_activation\n"
        for delta in deltas.joined() {
            text += [delta.name, NumberText.exact(delta.articleDelta), NumberText.exact(delta.error),
                     NumberText.exact(delta.activationSlope), NumberText.exact(delta.gradientAtActivation)]
                .joined(separator: ",") + "\n"
        }
        return text
    }

    /// `weight,delta,input,gradient,before,after`, one line per weight.
    public static func update(_ changes: [WeightChange]) -> String {
        var text = "weight,delta,input,gradient,before,after\n"
        for change in changes {
            text += [change.name, NumberText.exact(change.delta), NumberText.exact(change.input),
                     NumberText.exact(change.gradient), NumberText.exact(change.before), NumberText.exact(change.after)]
                .joined(separator: ",") + "\n"
        }
        return text
    }
}
