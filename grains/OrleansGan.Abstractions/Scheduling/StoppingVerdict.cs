namespace OrleansGan.Scheduling;

[GenerateSerializer]
public enum StoppingVerdict
{
    /// <summary>The run trains on.</summary>
    Continue,

    /// <summary>The run is cut early: its slot goes to the next pending run, its checkpoints and grids are kept.</summary>
    Stop,

    /// <summary>The run has trained as far as the scheduler trains any run (ASHA's max_epochs): it is done.</summary>
    Complete,
}
