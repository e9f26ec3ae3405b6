// The namespaces every driver test works with: the driver contract, its errors and credentials, the vendor drivers,
// and the WireMock builders that fake a vendor's API.
global using PortalGrains.IdentityProviders.Errors;
global using PortalGrains.IdentityProviders.InitialAccess;
global using PortalGrains.IdentityProviders.Registration;
global using PortalGrains.IdentityProviders.Vendors;
global using WireMock.RequestBuilders;
global using WireMock.ResponseBuilders;
