namespace OrleansGan.Training.Training;

public enum TrainingOutcome { Completed, Cancelled }
