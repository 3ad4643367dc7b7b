using System.Reflection;

namespace Netns.Testing;

/// <summary>The scopes of several extensions used by one test.</summary>
internal sealed class CompositeTopologyTestScope(List<ITopologyTestScope> scopes) : ITopologyTestScope
{
    public IServiceProvider? Services => scopes.Select(s => s.Services).FirstOrDefault(s => s is not null);

    public bool TryGetArgument(ParameterInfo parameter, out object? value)
    {
        foreach (ITopologyTestScope scope in scopes)
        {
            if (scope.TryGetArgument(parameter, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        List<Exception>? errors = null;
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            try
            {
                await scopes[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                (errors ??= []).Add(e);
            }
        }

        if (errors is not null)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        }
    }
}
