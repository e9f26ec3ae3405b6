using System.Collections.Immutable;
using GraphQL;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Http;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>Admin mutations on identity providers. The provider grain keeps the provider directory itself.</summary>
internal static class ProviderMutations
{
    public static async Task<MutationPayload<ProviderView>> UpsertAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var admin = portal.RequireAdmin();
        var input = context.GetArgument<UpsertProviderInput>("input");

        var validator = new InputValidator()
            .Id(input.Id, "id")
            .RequiredText(input.Name, InputLimits.MaxNameLength, "name")
            .RequiredText(input.WellKnownUrl, InputLimits.MaxUrlLength, "wellKnownUrl")
            .Text(input.RegistrationEndpoint, InputLimits.MaxUrlLength, "registrationEndpoint")
            .Text(input.InitialAccessToken, InputLimits.MaxSecretLength, "initialAccessToken")
            .Text(input.ApiApplicationId, InputLimits.MaxShortTextLength, "apiApplicationId");
        if (input.InitialAccessTokenClient is { } client)
        {
            validator
                .RequiredText(client.ClientId, InputLimits.MaxShortTextLength, "initialAccessTokenClient", "clientId")
                .RequiredText(client.ClientSecret, InputLimits.MaxSecretLength, "initialAccessTokenClient", "clientSecret")
                .Text(client.Scope, InputLimits.MaxDescriptionLength, "initialAccessTokenClient", "scope");
        }

        if (input.ClientTypes.Count > InputLimits.MaxClientTypes)
        {
            validator.Add(UserErrorCodes.TooMany, $"clientTypes has at most {InputLimits.MaxClientTypes} entries.", "clientTypes");
        }
        else
        {
            for (var i = 0; i < input.ClientTypes.Count; i++)
            {
                var type = input.ClientTypes[i];
                var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                validator
                    .Id(type.Id, "clientTypes", index, "id")
                    .RequiredText(type.Name, InputLimits.MaxNameLength, "clientTypes", index, "name")
                    .Text(type.Description, InputLimits.MaxDescriptionLength, "clientTypes", index, "description")
                    .Texts(type.ResponseTypes, 10, 100, "clientTypes", index, "responseTypes")
                    .Texts(type.GrantTypes, 10, 100, "clientTypes", index, "grantTypes")
                    .RequiredText(type.TokenEndpointAuthMethod, 100, "clientTypes", index, "tokenEndpointAuthMethod")
                    .Text(type.OktaApplicationType, 100, "clientTypes", index, "oktaApplicationType")
                    .Text(type.SoftwareId, InputLimits.MaxNameLength, "clientTypes", index, "softwareId");
            }
        }

        if (validator.HasErrors)
        {
            return MutationPayload<ProviderView>.Failure(validator.Errors);
        }

        var settings = new ProviderUpsert(
            input.Name,
            input.Kind,
            input.WellKnownUrl,
            NullIfBlank(input.RegistrationEndpoint),
            NullIfBlank(input.InitialAccessToken),
            input.InitialAccessTokenClient is { } credentials
                ? new ClientCredentialsSecret(credentials.ClientId, credentials.ClientSecret, NullIfBlank(credentials.Scope))
                : null,
            input.SslInsecureSkipVerify,
            [.. input.ClientTypes.Select(type => new ClientTypeSpec(
                type.Id ?? Ids.New(),
                type.Name,
                type.Description,
                [.. type.ResponseTypes],
                [.. type.GrantTypes],
                type.TokenEndpointAuthMethod,
                NullIfBlank(type.OktaApplicationType),
                NullIfBlank(type.SoftwareId),
                type.RequirePkce))])
        {
            ApiApplicationId = NullIfBlank(input.ApiApplicationId)?.Trim(),
        };

        var result = await portal.Grains.GetGrain<IProviderGrain>(input.Id ?? Ids.New())
            .UpsertAsync(settings, admin.ToCaller(), portal.CancellationToken);
        if (result is { Succeeded: true, Value: { } provider })
        {
            portal.Remember(provider);
            ForgetCatalogueAnswers(portal, provider.Id);
        }

        return MutationPayload<ProviderView>.From(result);
    }

    public static Task<MutationPayload<string>> DeleteAsync(IResolveFieldContext context) =>
        AdminDelete.RunAsync(context, async (portal, id, caller) =>
        {
            var result = await portal.Grains.GetGrain<IProviderGrain>(id).DeleteAsync(caller, portal.CancellationToken);
            if (result.Succeeded)
            {
                ForgetCatalogueAnswers(portal, id);
            }

            return result;
        });

    /// <summary>Products show their provider's client types: answers and the provider's copy on this silo may be out of date.</summary>
    private static void ForgetCatalogueAnswers(PortalUserContext portal, string providerId)
    {
        portal.Services.GetService<QueryAnswerCache>()?.Clear();
        portal.Services.GetService<CatalogProviderCache>()?.Invalidate(providerId);
    }

    public static async Task<MutationPayload<ImmutableArray<ConnectionCheckStep>>> TestConnectionAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        portal.RequireAdmin();
        var input = context.GetArgument<TestProviderConnectionInput>("input");
        var validator = new InputValidator().Id(input.Id, "id");
        if (validator.HasErrors)
        {
            return MutationPayload<ImmutableArray<ConnectionCheckStep>>.Failure(validator.Errors);
        }

        if (await portal.GetProviderAsync(input.Id) is null)
        {
            return MutationPayload<ImmutableArray<ConnectionCheckStep>>.Failure(
                UserError.For(UserErrorCodes.NotFound, "No provider has this id.", InputValidator.InputArgument, "id"));
        }

        var steps = await portal.Grains.GetGrain<IProviderGrain>(input.Id).TestConnectionAsync(portal.CancellationToken);
        return MutationPayload<ImmutableArray<ConnectionCheckStep>>.Success(steps.OrEmpty());
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
