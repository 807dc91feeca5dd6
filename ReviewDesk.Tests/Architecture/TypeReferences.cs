using System.Reflection;
using System.Reflection.Emit;

namespace ReviewDesk.Tests.Architecture;

/// <summary>
/// Every type a compiled type uses: its base type and interfaces, its fields, properties and method
/// signatures, its methods' locals, and each type, method and field token in their IL. Nested and
/// compiler-generated types (lambdas, async state machines) are scanned as types of their own.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types <paramref name="type"/> uses, each generic type unfolded into its definition and arguments.</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments()) Add(argument);
                return;
            }
            found.Add(t);
        }

        void AddMember(MemberInfo? member)
        {
            switch (member)
            {
                case Type t: Add(t); break;
                case MethodBase m: AddSignature(m); break;
                case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
            }
        }

        void AddSignature(MethodBase method)
        {
            Add(method.DeclaringType);
            if (method is MethodInfo info) Add(info.ReturnType);
            if (method.IsGenericMethod) foreach (var argument in method.GetGenericArguments()) Add(argument);
            foreach (var parameter in method.GetParameters()) Add(parameter.ParameterType);
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces()) Add(contract);
        foreach (var field in type.GetFields(Declared)) Add(field.FieldType);
        foreach (var property in type.GetProperties(Declared)) Add(property.PropertyType);
        foreach (var attribute in type.GetCustomAttributesData()) AddSignature(attribute.Constructor);

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddSignature(method);
            foreach (var attribute in method.GetCustomAttributesData()) AddSignature(attribute.Constructor);
            var body = method.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType);
            foreach (var token in MemberTokens(body.GetILAsByteArray() ?? []))
            {
                var typeArguments = type.IsGenericTypeDefinition ? type.GetGenericArguments() : null;
                var methodArguments = method.IsGenericMethodDefinition ? method.GetGenericArguments() : null;
                AddMember(type.Module.ResolveMember(token, typeArguments, methodArguments));
            }
        }

        return found;
    }

    /// <summary>The metadata tokens of the type, method and field operands in an IL stream.</summary>
    public static IEnumerable<int> MemberTokens(byte[] il)
    {
        ArgumentNullException.ThrowIfNull(il);
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
            if (!OpCodesByValue.TryGetValue(value, out var opcode))
                throw new InvalidOperationException($"Unknown IL opcode 0x{value:X4} at offset {at - 1}.");
            switch (opcode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, at);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(opcode.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
