namespace OrleansGan.Training.Trainer;

public enum TrainingOutcome { Completed, Cancelled }
