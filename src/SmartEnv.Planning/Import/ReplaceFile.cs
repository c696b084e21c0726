namespace SmartEnv.Planning.Import;

/// <summary>
/// Writes a file so that a failure half-way never leaves a damaged target: the content goes to a temporary file beside
/// it (same extension, so writers that choose the format by extension still work) and replaces the target only when
/// complete. An existing good file therefore survives a failed export.
/// </summary>
internal static class ReplaceFile
{
    /// <summary>Calls <paramref name="write"/> with a temporary path beside <paramref name="file"/>, then moves it over
    /// <paramref name="file"/>; the temporary file is removed if <paramref name="write"/> throws.</summary>
    public static void Write(string file, Action<string> write)
    {
        var full = Path.GetFullPath(file);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, "." + Path.GetFileNameWithoutExtension(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp" + Path.GetExtension(full));
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
