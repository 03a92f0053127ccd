import React, { useState } from 'react';

interface Props { title: string; items?: string[] }

export const List: React.FC<Props> = ({ title, items = [] }) => {
  const [open, setOpen] = useState<boolean>(false);
  return (
    <section className="list" onClick={() => setOpen(!open)}>
      <h1>{title}</h1>
      {open && items.map((item, i) => <Item key={i} value={item} />)}
      <>fragment {`text ${title}`}</>
    </section>
  );
};

export default class Item extends React.Component<{ value: string }> {
  render() { return <li data-value={this.props.value}>{this.props.value}</li>; }
}
