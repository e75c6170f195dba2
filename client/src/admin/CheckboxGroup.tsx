// A labelled group of checkboxes (fieldset and legend) for choosing several values from a fixed list.
export function CheckboxGroup<V extends string>(props: {
  legend: string;
  options: { value: V; label: string }[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  hint?: string;
}) {
  return (
    <fieldset className="checkbox-group">
      <legend className="field__label">{props.legend}</legend>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      <div className="checkbox-group__options">
        {props.options.map((o) => (
          <label key={o.value} className="switch">
            <input
              type="checkbox"
              checked={props.value.includes(o.value)}
              onChange={(e) =>
                props.onChange(e.target.checked ? [...props.value, o.value] : props.value.filter((v) => v !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
