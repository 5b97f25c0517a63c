using System.Security.Cryptography;
using System.Text.Json;

namespace AiProd.Testing;

/// <summary>A service-account key file like the one IAM hands out, for a key the test made itself (nothing reaches Google).</summary>
public static class ServiceAccountKeyFile
{
    public const string Email = "asset-signer@demo-aiprod.iam.gserviceaccount.com";

    public static string Write(string path, RSA key)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "demo-aiprod",
            ["private_key_id"] = "test-key",
            ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = Email,
            ["client_id"] = "1",
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        }));
        return path;
    }
}
