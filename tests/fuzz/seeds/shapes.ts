import type { Thing } from './types';
import { Injectable } from '@angular/core';
import fs = require('fs');

export interface Shape<T = unknown> extends Base, Other<T> {
  readonly id: string;
  area(): number;
  [key: string]: unknown;
}

export type Pair<A, B> = [A, B] | { first: A; second: B };

export enum Color { Red = 'red', Green = 'green', Blue = 4 }

export abstract class Figure<T extends Shape> implements Shape, Named {
  private static counter: number = 0;
  protected items: Map<string, T> = new Map<string, T>();
  declare readonly kind: string;
  public handler = async (x: T): Promise<void> => { await this.draw(x); };
  constructor(private readonly name: string, public size?: number) {
    super();
  }
  abstract area(): number;
  @Log() draw<U>(this: Figure<T>, shape: U, ...rest: unknown[]): U {
    return helper<U>(shape as any)!;
  }
  get label(): string { return `${this.name}`; }
}

@Injectable({ providedIn: 'root' })
export class Service {
  constructor(private http: Http) {}
  fetch(url: string): Observable<string> { return this.http.get<string>(url).pipe(map((r) => r.body)); }
}

namespace Internal { export const x = 1; }
declare module 'lib' { export function f(): void; }
export default function helper<T>(value: T): T { return value satisfies T; }
let v = <number>someValue, w = obj?.prop?.[key]?.(arg) ?? fallback;
