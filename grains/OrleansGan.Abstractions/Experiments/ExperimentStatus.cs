namespace OrleansGan.Experiments;

[GenerateSerializer]
public enum ExperimentStatus { Running, Completed, Failed, Cancelled }
