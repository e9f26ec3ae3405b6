namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class QuotaInput
{
    public int Requests { get; set; }
    public int PeriodSeconds { get; set; }
}
