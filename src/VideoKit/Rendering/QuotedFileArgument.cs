using FFMpegCore;
using FFMpegCore.Arguments;

namespace VideoKit.Rendering;

/// <summary>A file input (<c>-i "path"</c>) with the path quoted so FFMpegCore's argument string splits back exactly.</summary>
internal sealed class QuotedFileInput(string fullPath) : IInputArgument
{
    public string FullPath { get; } = fullPath;

    public string Text => "-i " + ArgumentQuoting.Quote(FullPath);

    public void Pre(FFOptions options)
    {
    }

    public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Post()
    {
    }
}

/// <summary>An output file with the path quoted (the options come before it).</summary>
internal sealed class QuotedFileOutput(string fullPath) : IOutputArgument
{
    public string FullPath { get; } = fullPath;

    public string Text => ArgumentQuoting.Quote(FullPath);

    public void Pre(FFOptions options)
    {
    }

    public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Post()
    {
    }
}
