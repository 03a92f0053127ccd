#!/usr/bin/env node
'use strict';
import def, { a, b as c, default as d } from './module.js';
import * as ns from "../ns";
import './side-effect';
const fs = require('fs');
const { join, resolve: res } = require('path');
require('./register');

export default class Store extends Base {
  static #count = 0;
  field = new Map();
  handler = () => this.flush();
  constructor(options) {
    super(options);
    this.cache = new Cache(options.size);
  }
  get size() { return this.field.size; }
  set size(v) { throw new Error('read only'); }
  static create(...args) { return new Store(...args); }
  async *items() { yield* this.field.values(); }
  [Symbol.iterator]() { return this.items(); }
  'quoted name'(x = 1, { y, z } = {}, [w] = []) { return x + y + z + w; }
}

export function helper(a, b = 1) {
  const inner = function named() { return a; };
  let arrow = (x) => x * 2, other = new Store({ size: b });
  return arrow(inner()) + other.size + `tpl ${a} ${b}`;
}

export const value = 1, another = helper(2);
export { helper as aliased, value as "string name" };
export * from './all';
export * as everything from './everything';
module.exports = { helper, value: value, 'odd-key': another };
exports.extra = helper;
module.exports.more = function () { return fs.readFileSync(join('a', 'b')); };
label: for (const x of [1, 2]) { if (x) continue label; }
const re = /ab+c/gi, t = tag`x${1}y`;
