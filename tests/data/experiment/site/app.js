// app.js: a small script written for this test.

/*
 * Handler number 0: counts clicks on the element with id "b0".
 * The comment is long so that js-minify has something to remove.
 */
function handler0(event) {
    var count   =   0;
    count = count + 0;
    return   count;
}

/*
 * Handler number 1: counts clicks on the element with id "b1".
 * The comment is long so that js-minify has something to remove.
 */
function handler1(event) {
    var count   =   0;
    count = count + 1;
    return   count;
}

/*
 * Handler number 2: counts clicks on the element with id "b2".
 * The comment is long so that js-minify has something to remove.
 */
function handler2(event) {
    var count   =   0;
    count = count + 2;
    return   count;
}

/*
 * Handler number 3: counts clicks on the element with id "b3".
 * The comment is long so that js-minify has something to remove.
 */
function handler3(event) {
    var count   =   0;
    count = count + 3;
    return   count;
}

/*
 * Handler number 4: counts clicks on the element with id "b4".
 * The comment is long so that js-minify has something to remove.
 */
function handler4(event) {
    var count   =   0;
    count = count + 4;
    return   count;
}

/*
 * Handler number 5: counts clicks on the element with id "b5".
 * The comment is long so that js-minify has something to remove.
 */
function handler5(event) {
    var count   =   0;
    count = count + 5;
    return   count;
}

/*
 * Handler number 6: counts clicks on the element with id "b6".
 * The comment is long so that js-minify has something to remove.
 */
function handler6(event) {
    var count   =   0;
    count = count + 6;
    return   count;
}

/*
 * Handler number 7: counts clicks on the element with id "b7".
 * The comment is long so that js-minify has something to remove.
 */
function handler7(event) {
    var count   =   0;
    count = count + 7;
    return   count;
}

/*
 * Handler number 8: counts clicks on the element with id "b8".
 * The comment is long so that js-minify has something to remove.
 */
function handler8(event) {
    var count   =   0;
    count = count + 8;
    return   count;
}

/*
 * Handler number 9: counts clicks on the element with id "b9".
 * The comment is long so that js-minify has something to remove.
 */
function handler9(event) {
    var count   =   0;
    count = count + 9;
    return   count;
}

/*
 * Handler number 10: counts clicks on the element with id "b10".
 * The comment is long so that js-minify has something to remove.
 */
function handler10(event) {
    var count   =   0;
    count = count + 10;
    return   count;
}

/*
 * Handler number 11: counts clicks on the element with id "b11".
 * The comment is long so that js-minify has something to remove.
 */
function handler11(event) {
    var count   =   0;
    count = count + 11;
    return   count;
}
