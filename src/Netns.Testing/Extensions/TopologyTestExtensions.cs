using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Netns.Testing;

/// <summary>
/// The registered <see cref="ITopologyTestExtension"/> instances, and the calls test adapters make
/// to them. A test that uses none pays one attribute scan.
/// </summary>
public static class TopologyTestExtensions
{
    private static readonly Lock s_lock = new();
    private static readonly ConcurrentDictionary<Module, bool> s_initializedModules = new();
    private static ITopologyTestExtension[] s_extensions = [];

    /// <summary>Registers <paramref name="extension"/>. Registering the same instance twice has no effect.</summary>
    public static void Register(ITopologyTestExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        lock (s_lock)
        {
            if (!s_extensions.Contains(extension))
            {
                s_extensions = [.. s_extensions, extension];
            }
        }
    }

    /// <summary>Whether a registered extension gives a value for <paramref name="parameter"/> of a test in <paramref name="testClass"/>.</summary>
    public static bool Supplies(ParameterInfo parameter, Type testClass)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(testClass);
        if (parameter.Member is MethodInfo method)
        {
            InitializeAttributeModules(method, testClass);
        }

        return Volatile.Read(ref s_extensions).Any(e => e.Supplies(parameter, testClass));
    }

    /// <summary>
    /// Creates the scopes of every extension the test uses and returns them as one scope, or null
    /// when the test uses none. The first extension with a value fills a parameter, and disposal runs
    /// in reverse order. Call it after building the topology, and dispose the result before the topology.
    /// </summary>
    public static async ValueTask<ITopologyTestScope?> CreateScopeAsync(Topology topology, MethodInfo testMethod, Type testClass)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(testClass);
        InitializeAttributeModules(testMethod, testClass);
        var scopes = new List<ITopologyTestScope>();
        try
        {
            foreach (ITopologyTestExtension extension in Volatile.Read(ref s_extensions))
            {
                if (extension.CreateScope(topology, testMethod, testClass) is ITopologyTestScope scope)
                {
                    scopes.Add(scope);
                }
            }
        }
        catch
        {
            await new CompositeTopologyTestScope(scopes).DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return scopes.Count switch
        {
            0 => null,
            1 => scopes[0],
            _ => new CompositeTopologyTestScope(scopes),
        };
    }

    /// <summary>
    /// Runs the module initializers of the assemblies that define the test's attributes. An extension
    /// package registers itself there, and its attribute may be the only part of it the test uses.
    /// </summary>
    private static void InitializeAttributeModules(MethodInfo testMethod, Type testClass)
    {
        IEnumerable<CustomAttributeData> attributes = testMethod.CustomAttributes;
        for (Type? type = testClass; type is not null; type = type.BaseType)
        {
            attributes = attributes.Concat(type.CustomAttributes);
        }

        foreach (CustomAttributeData attribute in attributes)
        {
            Module module = attribute.AttributeType.Module;
            if (s_initializedModules.TryAdd(module, true))
            {
                RuntimeHelpers.RunModuleConstructor(module.ModuleHandle);
            }
        }
    }
}
