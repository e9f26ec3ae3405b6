namespace PortalGrains.IntegrationTests.Security;

/// <summary>The outcomes of one operation for the callers of A's team: C (a second OWNER), D (a MEMBER), E (removed).</summary>
public sealed record TeamOutcomes(Outcome TeamOwner, Outcome TeamMember, Outcome FormerMember);
