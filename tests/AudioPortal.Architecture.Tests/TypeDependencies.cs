using Mono.Cecil;
using Mono.Cecil.Cil;

namespace AudioPortal.Architecture.Tests;

/// <summary>
/// Which of an assembly's types use which other types, read from the IL: signatures, fields, attributes, generic
/// arguments and every type a method body touches. Nested and compiler-made types count as their outer type.
/// </summary>
public static class TypeDependencies
{
    /// <summary>(user, used) full names of top-level types, both in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<(string User, string Used)> Within(System.Reflection.Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var own = module.Types.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        foreach (var type in module.Types)
        {
            foreach (var used in Uses(type).Select(Outermost).Where(own.Contains))
            {
                if (used != type.FullName)
                {
                    edges.Add((type.FullName, used));
                }
            }
        }

        return edges.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal).ToList();
    }

    private static string Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.FullName;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    generic.GenericArguments.ToList().ForEach(Add);
                    return;
                case TypeSpecification spec:
                    Add(spec.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }

        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            m.Parameters.ToList().ForEach(p => Add(p.ParameterType));
            if (m is GenericInstanceMethod g)
            {
                g.GenericArguments.ToList().ForEach(Add);
            }
        }

        void AddAttributes(Mono.Collections.Generic.Collection<CustomAttribute> attributes) =>
            attributes.ToList().ForEach(a => AddMethod(a.Constructor));

        AddAttributes(type.CustomAttributes);
        Add(type.BaseType);
        type.Interfaces.ToList().ForEach(i => Add(i.InterfaceType));
        type.Fields.ToList().ForEach(f => { Add(f.FieldType); AddAttributes(f.CustomAttributes); });
        type.Properties.ToList().ForEach(p => { Add(p.PropertyType); AddAttributes(p.CustomAttributes); });
        type.Events.ToList().ForEach(e => Add(e.EventType));
        foreach (var method in type.Methods)
        {
            AddMethod(method);
            AddAttributes(method.CustomAttributes);
            if (!method.HasBody)
            {
                continue;
            }

            method.Body.Variables.ToList().ForEach(v => Add(v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference m:
                        AddMethod(m);
                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }

        return type.NestedTypes.SelectMany(Uses).Concat(found);
    }
}
