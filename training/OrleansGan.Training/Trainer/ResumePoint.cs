namespace OrleansGan.Training.Trainer;

/// <summary>A checkpoint a run may continue from: its step, and the SHA-256 its file must have.</summary>
public sealed record ResumePoint(long Step, string Sha256);
