namespace AudioPortal.Web.Data;

/// <summary>
/// The database holds migrations this build does not know: it was made by another (usually a pre-release) version
/// of AudioPortal. Migrating would fail half-way on existing tables, so start-up stops with what to do instead.
/// </summary>
public sealed class IncompatibleDatabaseException(string message) : Exception(message);
