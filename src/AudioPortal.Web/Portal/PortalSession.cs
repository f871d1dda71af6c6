using System.Security.Claims;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Components.Authorization;

namespace AudioPortal.Web.Portal;

/// <summary>
/// How portal pages call the domain services. A circuit lives for minutes and its components run concurrently
/// (a live job event can arrive while a page is loading), but a DbContext must not be shared by overlapping
/// calls — so every call runs in its own DI scope whose <see cref="CurrentAccount"/> is the signed-in user.
/// Unexpected exceptions become INTERNAL_ERROR results: the page shows a toast instead of losing the circuit.
/// </summary>
public sealed class PortalSession(IServiceScopeFactory scopes, ICurrentAccount current, IServiceProvider services, ILogger<PortalSession> logger)
{
    /// <summary>The signed-in account: the circuit's current account, else the user of the authentication state.</summary>
    public async Task<string?> GetAccountIdAsync()
    {
        if (current.AccountId is { } id)
        {
            return id;
        }

        if (services.GetService<AuthenticationStateProvider>() is not { } auth)
        {
            return null;
        }

        try
        {
            var user = (await auth.GetAuthenticationStateAsync()).User;
            return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        }
        catch (InvalidOperationException)
        {
            // No authentication state in this scope (outside a circuit or request): nobody is signed in.
            return null;
        }
    }

    public Task<Result<T>> RunAsync<TService, T>(Func<TService, Task<Result<T>>> action)
        where TService : notnull => RunAsync<TService, T>((service, _) => action(service));

    /// <summary>Runs <paramref name="action"/> with a fresh <typeparamref name="TService"/> and the account id.</summary>
    public async Task<Result<T>> RunAsync<TService, T>(Func<TService, string, Task<Result<T>>> action)
        where TService : notnull
    {
        if (await GetAccountIdAsync() is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.WithMessage("Sign in to continue.");
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(accountId, Scopes.All);
        try
        {
            return await action(scope.ServiceProvider.GetRequiredService<TService>(), accountId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Portal call to {Service} failed", typeof(TService).Name);
            return ErrorCatalog.InternalError.ToError();
        }
    }

    public async Task<Result> RunAsync<TService>(Func<TService, string, Task<Result>> action)
        where TService : notnull
    {
        var result = await RunAsync<TService, bool>(async (service, id) =>
        {
            var r = await action(service, id);
            return r.IsSuccess ? true : r.Error;
        });
        return result.IsSuccess ? Result.Success : result.Error;
    }

    public Task<Result> RunAsync<TService>(Func<TService, Task<Result>> action)
        where TService : notnull => RunAsync<TService>((service, _) => action(service));
}
