using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// Creates, lists, revokes and checks API keys. A key is 32 random bytes (base64url, prefixed
/// <c>rdk_</c>); only its SHA-256 is stored, so a key is shown once, at creation. A key this
/// high in entropy needs no salt or slow hash: nobody can guess it from its hash. Creating, provisioning
/// and revoking are audited right after they commit (the keys live in the identity context, the trail
/// in the application's); a failed audit write fails the call rather than pass unnoticed.
/// </summary>
public sealed class ApiKeyService(
    IDbContextFactory<ReviewDeskIdentityDbContext> contexts, AuditLog audit, TimeProvider time, IOptions<AuthOptions> options, ILogger<ApiKeyService> logger)
{
    // Verified keys by hash, with when they were read; bounded, and cleared by every change made here.
    private const int MaxCachedKeys = 1_000;
    private readonly ConcurrentDictionary<string, (ApiKeyView Key, DateTimeOffset ReadAt)> _verified = new(StringComparer.Ordinal);

    public const string PrincipalPrefix = "apikey:";
    public const int MaxNameLength = 100;

    /// <summary>Configured keys (Auth:BootstrapApiKey) must be at least this long.</summary>
    public const int MinConfiguredKeyLength = 20;

    private const string KeyPrefix = "rdk_";

    /// <summary>What is wrong with a new key's name and roles (empty when fine).</summary>
    public static Dictionary<string, string[]> Validate(string? name, IReadOnlyCollection<string>? roles)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["Name the key (for example ci or importer)."];
        else if (name.Trim().Length > MaxNameLength) errors["name"] = [$"The name is longer than {MaxNameLength} characters."];
        else if (!name.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) errors["name"] = ["Use letters, digits, '-', '_' and '.' only."];
        if (roles is null || roles.Count == 0) errors["roles"] = ["Give the key at least one role."];
        else if (roles.FirstOrDefault(r => ReviewDeskRoles.Normalize(r) is null) is { } unknown) errors["roles"] = [$"Unknown role '{unknown}'."];
        return errors;
    }

    /// <summary>Creates a key; throws <see cref="ArgumentException"/> when <see cref="Validate"/> finds a problem or an active key has the name.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> roles, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var errors = Validate(name, roles);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)));
        name = name.Trim();

        var secret = KeyPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
        {
            throw new ArgumentException($"An active key is already named {name}.");
        }

        var record = NewRecord(name, secret, roles, createdBy);
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("API key {KeyId} ({KeyName}, {KeyPrefix}) created by {Actor}", record.Id, record.Name, record.Prefix, createdBy);
        await AuditCreatedAsync(record, createdBy, cancellationToken);
        return new CreatedApiKey(ApiKeyView.From(record), secret);
    }

    /// <summary>
    /// Makes sure <paramref name="secret"/> (a key from configuration) is an active key named
    /// <paramref name="name"/> with <paramref name="roles"/>; an older active key of that name is revoked.
    /// </summary>
    public async Task<ApiKeyView> EnsureAsync(string name, string secret, IReadOnlyCollection<string> roles, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var errors = Validate(name, roles);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)));
        if (secret.Trim().Length < MinConfiguredKeyLength) throw new ArgumentException($"A configured API key needs at least {MinConfiguredKeyLength} characters.");

        var hash = Hash(secret.Trim());
        var normalized = string.Join(',', roles.Select(r => ReviewDeskRoles.Normalize(r)!).Distinct(StringComparer.Ordinal));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (existing is { RevokedAt: null } && existing.Name == name && existing.Roles == normalized) return ApiKeyView.From(existing);

        var now = time.GetUtcNow();
        var revoked = await db.ApiKeys.Where(k => (k.Name == name || k.KeyHash == hash) && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var old in revoked)
        {
            old.RevokedAt = now;
            old.RevokedBy = actor;
        }

        // A configured key that was revoked (or changed roles) is replaced: configuration is the authority on it.
        if (existing is not null)
        {
            existing.KeyHash = $"revoked:{existing.Id}";
        }

        await db.SaveChangesAsync(cancellationToken);
        _verified.Clear();
        foreach (var old in revoked) await AuditRevokedAsync(old.Id, old.Name, actor, cancellationToken);
        var record = NewRecord(name, secret.Trim(), roles, actor);
        // Not even part of a configured key is shown anywhere.
        record.Prefix = "(configured)";
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("API key {KeyId} ({KeyName}) provisioned from configuration", record.Id, record.Name);
        await AuditCreatedAsync(record, actor, cancellationToken);
        return ApiKeyView.From(record);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);
        return [.. records.Select(ApiKeyView.From)];
    }

    /// <summary>Revokes a key at once (its next request gets 401); false when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow()).SetProperty(k => k.RevokedBy, revokedBy), cancellationToken);
        if (revoked == 0) return false;
        _verified.Clear();
        logger.LogInformation("API key {KeyId} revoked by {Actor}", id, revokedBy);
        var name = await db.ApiKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.Name).SingleAsync(cancellationToken);
        await AuditRevokedAsync(id, name, revokedBy, cancellationToken);
        return true;
    }

    /// <summary>The active key <paramref name="secret"/> is, or null for an unknown or revoked one.</summary>
    public async Task<ApiKeyView?> FindActiveAsync(string secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 512) return null;
        var hash = Hash(secret.Trim());
        var now = time.GetUtcNow();
        var duration = options.Value.ApiKeyCacheDuration;
        if (_verified.TryGetValue(hash, out var cached) && now - cached.ReadAt < duration) return cached.Key;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        if (record is null)
        {
            _verified.TryRemove(hash, out _);
            return null;
        }

        var view = ApiKeyView.From(record);
        if (duration > TimeSpan.Zero)
        {
            if (_verified.Count >= MaxCachedKeys) _verified.Clear();
            _verified[hash] = (view, now);
        }

        return view;
    }

    /// <summary>Whether key <paramref name="id"/> exists and is not revoked (an open console circuit checks its key again now and then).</summary>
    public async Task<bool> IsActiveAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().AnyAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
    }

    /// <summary>How the audit trail names a key: <c>apikey:7</c> (its id; the name is in the entry's detail).</summary>
    public static string AuditTarget(long id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"apikey:{id}");

    // Name, roles and the visible prefix only: never the key or its hash.
    private Task AuditCreatedAsync(ApiKeyRecord record, string actor, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent(actor, AuditActions.CreateApiKey, Target: AuditTarget(record.Id), Detail: new JsonObject
        {
            ["name"] = record.Name,
            ["roles"] = new JsonArray([.. record.Roles.Split(',').Select(r => (JsonNode)r)]),
            ["prefix"] = record.Prefix,
        }), cancellationToken);

    private Task AuditRevokedAsync(long id, string name, string actor, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent(actor, AuditActions.RevokeApiKey, Target: AuditTarget(id), Detail: new JsonObject { ["name"] = name }), cancellationToken);

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private ApiKeyRecord NewRecord(string name, string secret, IReadOnlyCollection<string> roles, string createdBy) => new()
    {
        Name = name,
        KeyHash = Hash(secret),
        Prefix = secret[..Math.Min(8, secret.Length)],
        Roles = string.Join(',', roles.Select(r => ReviewDeskRoles.Normalize(r)!).Distinct(StringComparer.Ordinal)),
        CreatedAt = time.GetUtcNow(),
        CreatedBy = createdBy,
    };
}
