using System.Xml.Linq;
using AudioPortal.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AudioPortal.Web.Data;

/// <summary>
/// The cookie and antiforgery key ring in the database, so every web process of a PostgreSQL cluster signs in
/// with the same keys (a cookie issued by one is read by the others). SQLite keeps it in the data folder's files.
/// </summary>
public sealed class DatabaseXmlRepository(PooledDbContextFactory<AppDbContext> dbs) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbs.CreateDbContext();
        return db.Set<DataProtectionKeyRow>().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbs.CreateDbContext();
        db.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

/// <summary>
/// What protects keys in the database is the database's access control, as for the rest of its secrets. Declared as
/// the key ring's encryptor so that choice is recorded in each key instead of a warning at every start.
/// </summary>
public sealed class DatabaseAccessXmlEncryptor : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("databaseAccess", plaintextElement), typeof(DatabaseAccessXmlDecryptor));
}

/// <summary>Reads a key written by <see cref="DatabaseAccessXmlEncryptor"/>.</summary>
public sealed class DatabaseAccessXmlDecryptor : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => new(encryptedElement.Elements().Single());
}
