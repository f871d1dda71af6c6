using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Data.Sqlite;

namespace AudioPortal.Web.Data;

/// <summary>
/// Secrets at rest — the database, the data-protection key ring — are created readable by the server's user only
/// (folders 700, files 600), whatever the process umask says. No-ops on Windows, where ACLs apply instead.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder keeps the mode its operator gave it.</summary>
    public static string CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows() || Directory.Exists(path))
        {
            return Directory.CreateDirectory(path).FullName;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent && !Directory.Exists(parent))
        {
            CreateFolder(parent);
        }

        return Directory.CreateDirectory(path, Folder).FullName;
    }

    /// <summary>
    /// Creates the SQLite file of <paramref name="connectionString"/> empty and owner-only before SQLite would create it
    /// with the umask's mode (SQLite gives its journal and WAL files the database file's mode).
    /// </summary>
    public static void CreateDatabaseFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(source) || source == ":memory:" ||
            source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || System.IO.File.Exists(source))
        {
            return;
        }

        try
        {
            using var created = new FileStream(source, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File });
        }
        catch (IOException) when (System.IO.File.Exists(source))
        {
            // Another process (a CLI verb on the same data folder) created it first.
        }
    }

    /// <summary>Makes a file owner-only.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, File);
        }
    }
}

/// <summary>The data-protection key ring on disk, each key file made owner-only as it is written.</summary>
public sealed class OwnerOnlyXmlRepository(DirectoryInfo directory, ILoggerFactory loggers) : FileSystemXmlRepository(directory, loggers)
{
    public override void StoreElement(XElement element, string friendlyName)
    {
        base.StoreElement(element, friendlyName);
        foreach (var key in Directory.GetFiles("*.xml"))
        {
            OwnerOnlyFiles.Restrict(key.FullName);
        }
    }
}

/// <summary>
/// What protects the key files at rest is their owner-only mode: Linux offers no machine secret store, and a
/// certificate kept beside the keys would protect nothing. Declared as the key ring's encryptor so the key manager
/// records that choice in each key file instead of warning at every start that keys are unencrypted.
/// </summary>
public sealed class OwnerOnlyFileXmlEncryptor : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("ownerOnlyFile", plaintextElement), typeof(OwnerOnlyFileXmlDecryptor));
}

/// <summary>Reads a key written by <see cref="OwnerOnlyFileXmlEncryptor"/>.</summary>
public sealed class OwnerOnlyFileXmlDecryptor : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => new(encryptedElement.Elements().Single());
}
