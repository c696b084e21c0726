using System.Text.Json;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Cli;

/// <summary>
/// JSON of every command's output: the one output contract shared with the HTTP API and the UI exports
/// (<see cref="ContractJson"/>, docs/api.md "Output contract") — snake_case names and enum values, Chinese unescaped,
/// lists as arrays; one object per line unless indented.
/// </summary>
public static class CliJson
{
    /// <summary>Options for one-line JSON output (JSON Lines): <see cref="ContractJson.Options"/>.</summary>
    public static JsonSerializerOptions Options => ContractJson.Options;

    /// <summary>Options for human-readable (indented) JSON documents such as period summaries: <see cref="ContractJson.Indented"/>.</summary>
    public static JsonSerializerOptions Indented => ContractJson.Indented;
}
