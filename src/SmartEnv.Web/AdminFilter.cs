using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SmartEnv.Web;

/// <summary>
/// Endpoint filter for admin-only endpoints: the request must carry <c>Authorization: Bearer TOKEN</c> (or
/// <c>X-Admin-Token: TOKEN</c>) matching <see cref="AdminToken"/>; otherwise 401 with a ProblemDetails body.
/// </summary>
public static class AdminFilter
{
    /// <summary>Requires the admin token on an endpoint or group.</summary>
    /// <typeparam name="TBuilder">Endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            if (IsAdmin(ctx.HttpContext)) return await next(ctx);
            return TypedResults.Problem(
                title: "admin token required / 需要管理员令牌",
                detail: "Send `Authorization: Bearer TOKEN` with the token printed on first run (stored in DATA_DIR/admin-token).",
                statusCode: StatusCodes.Status401Unauthorized);
        });

    /// <summary>True when the request carries the admin token.</summary>
    /// <param name="http">The request context.</param>
    public static bool IsAdmin(HttpContext http)
    {
        var token = http.RequestServices.GetService(typeof(AdminToken)) as AdminToken;
        if (token is null) return false;
        var auth = http.Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && token.Matches(auth["Bearer ".Length..].Trim())) return true;
        return token.Matches(http.Request.Headers["X-Admin-Token"].ToString());
    }
}
