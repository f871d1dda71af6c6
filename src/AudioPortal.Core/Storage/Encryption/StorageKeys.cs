using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AudioPortal.Core.Storage.Encryption;

/// <summary>
/// The key ring of encrypted blobs: every AES-256 key in the key folder (<c>{id}.key</c>, base64, owner-only) plus the
/// configured key, if any. New blobs are written with the current key: the configured one, else the one the folder's
/// <c>current</c> file names (the first start generates it). Each blob's header names its key by id (the first four
/// bytes of a SHA-256 of the key), so old blobs stay readable after a rotation; a key another process added (the
/// <c>keys rotate-storage</c> verb) is found on first use.
/// </summary>
public sealed class StorageKeys
{
    public const int KeySize = 32;
    private const string CurrentFile = "current";

    private readonly string _directory;
    private readonly (uint Id, byte[] Key)? _configured;
    private readonly Lock _lock = new();
    private Dictionary<uint, byte[]> _keys = [];
    private (uint Id, byte[] Key) _current;
    private DateTime _currentStamp;

    private StorageKeys(string directory, byte[]? configured)
    {
        _directory = directory;
        _configured = configured is null ? null : (IdOf(configured), configured);
    }

    /// <summary>
    /// Loads the ring from <paramref name="directory"/> (created 700 when missing). Without a configured key and without
    /// a current key in the folder, one is generated: the first start of an installation.
    /// </summary>
    public static StorageKeys Load(string directory, byte[]? configuredKey)
    {
        if (configuredKey is { Length: not KeySize })
        {
            throw new ArgumentException($"A storage key is {KeySize} bytes.", nameof(configuredKey));
        }

        OwnerOnly.CreateFolder(directory);
        var keys = new StorageKeys(directory, configuredKey);
        lock (keys._lock)
        {
            keys.Reload();
            if (configuredKey is null && !File.Exists(keys.CurrentPath))
            {
                keys.AddGeneratedKey();
                keys.Reload();
            }
        }

        return keys;
    }

    /// <summary>Reads a key as configuration gives it: base64 of 32 bytes (a key file holds the same text).</summary>
    public static byte[]? Parse(string? base64)
    {
        try
        {
            return string.IsNullOrWhiteSpace(base64) ? null : Convert.FromBase64String(base64.Trim()) is { Length: KeySize } key ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static uint IdOf(ReadOnlySpan<byte> key) =>
        BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. "audioportal storage key\n"u8, .. key]));

    public string Directory => _directory;

    /// <summary>Whether the current key comes from configuration (a rotation then means configuring a new one).</summary>
    public bool IsConfigured => _configured is not null;

    /// <summary>The key new blobs are written with (a rotation by another process is seen at the next write).</summary>
    public (uint Id, byte[] Key) Current
    {
        get
        {
            if (_configured is { } configured)
            {
                return configured;
            }

            lock (_lock)
            {
                if (File.GetLastWriteTimeUtc(CurrentPath) != _currentStamp)
                {
                    Reload();
                }

                return _current;
            }
        }
    }

    /// <summary>The key with this id; one this ring cannot find is a clear error, never a wrong decryption.</summary>
    public byte[] Find(uint id, string blob)
    {
        lock (_lock)
        {
            if (!_keys.ContainsKey(id))
            {
                Reload();
            }

            return _keys.TryGetValue(id, out var key)
                ? key
                : throw new BlobIntegrityException(blob, $"it was encrypted with storage key {Hex(id)}, which is not in the key ring ({_directory})");
        }
    }

    /// <summary>Generates a new key into the folder and makes it current; returns its id.</summary>
    public uint Rotate()
    {
        lock (_lock)
        {
            var id = AddGeneratedKey();
            Reload();
            return id;
        }
    }

    public static string Hex(uint id) => id.ToString("x8", CultureInfo.InvariantCulture);

    private string CurrentPath => Path.Combine(_directory, CurrentFile);

    private uint AddGeneratedKey()
    {
        var key = RandomNumberGenerator.GetBytes(KeySize);
        var id = IdOf(key);
        WriteOwnerOnly(Path.Combine(_directory, Hex(id) + ".key"), Convert.ToBase64String(key));
        WriteOwnerOnly(CurrentPath, Hex(id));
        return id;
    }

    private void Reload()
    {
        var keys = new Dictionary<uint, byte[]>();
        foreach (var file in System.IO.Directory.EnumerateFiles(_directory, "*.key"))
        {
            if (Parse(File.ReadAllText(file)) is { } key)
            {
                keys[IdOf(key)] = key;
            }
        }

        if (_configured is { } configured)
        {
            keys[configured.Id] = configured.Key;
        }
        else if (File.Exists(CurrentPath))
        {
            _currentStamp = File.GetLastWriteTimeUtc(CurrentPath);
            var named = File.ReadAllText(CurrentPath).Trim();
            _current = uint.TryParse(named, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var id) && keys.TryGetValue(id, out var key)
                ? (id, key)
                : throw new InvalidOperationException($"The current storage key '{named}' named in {CurrentPath} is not in the key folder.");
        }

        _keys = keys;
    }

    /// <summary>Writes a file owner-only (0600) through a temporary name, so a reader never sees it half written.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var writer = new StreamWriter(temp, Encoding.ASCII, OwnerOnly.NewFile()))
        {
            writer.Write(text);
        }

        File.Move(temp, path, overwrite: true);
    }
}
