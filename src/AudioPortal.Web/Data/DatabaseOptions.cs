using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Web.Data;

/// <summary>The database engines AudioPortal runs on; each has its own migration set (migrations/&lt;Provider&gt;).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The <c>Database</c> section: which engine holds the data. SQLite (the default) is a file in the data folder and
/// needs nothing installed; PostgreSQL is for several processes on one database. The connection string is
/// <c>ConnectionStrings:Default</c> for both.
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    /// <summary>"Sqlite" (default) or "Postgres", in any case.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>The parsed <see cref="Provider"/> (validation has already refused any other name).</summary>
    public DatabaseProvider Kind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Names only: Enum.TryParse would also accept "1" or "Sqlite,Postgres".
        if (!Enum.GetNames<DatabaseProvider>().Contains(Provider, StringComparer.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"'{Provider}' is not a database provider; use Sqlite (the default) or Postgres.", [nameof(Provider)]);
        }
    }
}
