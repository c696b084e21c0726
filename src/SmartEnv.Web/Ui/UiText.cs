namespace SmartEnv.Web.Ui;

/// <summary>Marker type of the UI texts (<c>Resources/Ui/UiText.resx</c>: zh-CN as the neutral culture; <c>UiText.en-US.resx</c>).</summary>
public sealed class UiText;
