using System.Security.Cryptography;
using System.Text;

namespace TaobaoLive.Contracts;

/// <summary>How a key is stored: 'taobaolive new-key' prints this hash and the host compares against it.</summary>
public static class ApiKeyHash
{
    /// <summary>The hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
